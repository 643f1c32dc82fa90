package org.vae4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 digests, as lowercase hex. Dataset files are identified by their decompressed content: mirrors
 * recompress the same IDX bytes differently.
 */
public final class Sha256 {
  private Sha256() {}

  /** The digest of a file's decompressed content; throws IOException for unreadable or corrupt gzip files. */
  static String ofContent(Path file) throws IOException {
    try (InputStream in = ContentStream.open(file)) {
      return of(in);
    }
  }

  /** The digest of a file's bytes, read in blocks: a stray huge file costs time, not memory. */
  public static String ofFile(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return of(in);
    }
  }

  /** The digest of a text's UTF-8 bytes. */
  public static String ofText(String text) {
    return HexFormat.of().formatHex(newDigest().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** The digest of floats as the little-endian bytes a safetensors file holds them in, in order. */
  public static String ofFloats(float[] values, int from, int to) {
    MessageDigest digest = newDigest();
    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(1 << 16).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (int i = from; i < to; i++) {
      if (!buffer.hasRemaining()) {
        digest.update(buffer.array(), 0, buffer.position());
        buffer.clear();
      }
      buffer.putFloat(values[i]);
    }
    digest.update(buffer.array(), 0, buffer.position());
    return HexFormat.of().formatHex(digest.digest());
  }

  private static String of(InputStream in) throws IOException {
    MessageDigest digest = newDigest();
    byte[] buffer = new byte[1 << 16];
    for (int n; (n = in.read(buffer)) > 0; ) {
      digest.update(buffer, 0, n);
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
