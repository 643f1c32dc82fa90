package org.vae4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a file's decompressed content: mirrors recompress the same IDX bytes differently, so only the
 * content identifies a dataset file.
 */
final class Sha256 {
  private Sha256() {}

  /** Lowercase hex digest; throws IOException for unreadable or corrupt gzip files. */
  static String ofContent(Path file) throws IOException {
    MessageDigest digest = newDigest();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = ContentStream.open(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Throws an IOException saying so when the content's digest is not the expected one. */
  static void verify(Path file, String expected) throws IOException {
    String actual = ofContent(file);
    if (!actual.equals(expected)) {
      throw new IOException("SHA-256 mismatch: content has " + actual + ", expected " + expected);
    }
  }

  static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
