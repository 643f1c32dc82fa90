package org.vae4j;

import java.io.IOException;
import java.nio.file.Path;

/** A named pipe, for the cases where one stands in place of a file: a reader that opened it would wait forever. */
public final class NamedPipe {
  private NamedPipe() {}

  public static Path create(Path path) throws IOException, InterruptedException {
    Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
    if (mkfifo.waitFor() != 0) {
      throw new IOException("mkfifo " + path + " failed");
    }
    return path;
  }
}
