package org.vae4j.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens a file's content, gunzipping it when its first bytes are gzip's magic (the name may lie). */
final class ContentStream {
  private static final int BUFFER = 1 << 16;

  private ContentStream() {}

  static InputStream open(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER);
    try {
      in.mark(2);
      boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
      in.reset();
      return gzip ? new GZIPInputStream(in, BUFFER) : in;
    } catch (IOException e) {
      in.close();
      throw e;
    }
  }
}
