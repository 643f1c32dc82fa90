package org.vae4j.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Small IDX files that the tests write themselves: images of 3x5 pixels, labels cycling 0..9. */
final class IdxFixtures {
  static final int ROWS = 3;
  static final int COLS = 5;

  private IdxFixtures() {}

  static byte[] idx(int magic, int[] dims, byte[] data) {
    ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dims.length + data.length).putInt(magic);
    for (int dim : dims) {
      buffer.putInt(dim);
    }
    return buffer.put(data).array();
  }

  /** Pixel p of image i has the value (7 i + p) mod 256. */
  static byte[] images(int count) {
    byte[] pixels = new byte[count * ROWS * COLS];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (i / (ROWS * COLS) * 7 + i % (ROWS * COLS));
    }
    return idx(0x0803, new int[] {count, ROWS, COLS}, pixels);
  }

  static byte[] labels(int count) {
    byte[] labels = new byte[count];
    for (int i = 0; i < count; i++) {
      labels[i] = (byte) (i % 10);
    }
    return idx(0x0801, new int[] {count}, labels);
  }

  static byte[] gzip(byte[] raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(raw);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Writes the four standard files, each set holding count images, gzip-compressed (name.gz) or raw. */
  static void writeDataset(Path dir, int count, boolean compress) throws IOException {
    Files.createDirectories(dir);
    for (Map.Entry<String, byte[]> file : contents(count).entrySet()) {
      byte[] raw = file.getValue();
      Files.write(dir.resolve(file.getKey() + (compress ? ".gz" : "")), compress ? gzip(raw) : raw);
    }
  }

  /** The SHA-256 of each file's content, as a {@link DatasetSpec} holds it. */
  static Map<String, String> sha256s(int count) {
    Map<String, byte[]> contents = contents(count);
    return Map.of(
        DatasetFolder.TRAIN_IMAGES, sha256(contents.get(DatasetFolder.TRAIN_IMAGES)),
        DatasetFolder.TRAIN_LABELS, sha256(contents.get(DatasetFolder.TRAIN_LABELS)),
        DatasetFolder.TEST_IMAGES, sha256(contents.get(DatasetFolder.TEST_IMAGES)),
        DatasetFolder.TEST_LABELS, sha256(contents.get(DatasetFolder.TEST_LABELS)));
  }

  static Map<String, byte[]> contents(int count) {
    return Map.of(DatasetFolder.TRAIN_IMAGES, images(count), DatasetFolder.TRAIN_LABELS, labels(count),
        DatasetFolder.TEST_IMAGES, images(count), DatasetFolder.TEST_LABELS, labels(count));
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
