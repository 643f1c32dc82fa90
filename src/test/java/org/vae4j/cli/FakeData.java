package org.vae4j.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/** A tiny dataset in the four IDX files, for command-line tests that need no MNIST: pixels from a formula. */
final class FakeData {
  private FakeData() {}

  static Path write(Path dir, int count, int rows, int cols) throws IOException {
    Files.createDirectories(dir);
    writeSet(dir, "train", count, rows, cols);
    writeSet(dir, "t10k", count, rows, cols);
    return dir;
  }

  static void writeSet(Path dir, String prefix, int count, int rows, int cols) throws IOException {
    ByteBuffer images = ByteBuffer.allocate(16 + count * rows * cols).putInt(0x0803).putInt(count).putInt(rows)
        .putInt(cols);
    for (int i = 0; i < count * rows * cols; i++) {
      images.put((byte) ((i * 37 + i / (rows * cols) * 11) % 256));
    }
    ByteBuffer labels = ByteBuffer.allocate(8 + count).putInt(0x0801).putInt(count);
    for (int i = 0; i < count; i++) {
      labels.put((byte) (i % 10));
    }
    Files.write(dir.resolve(prefix + "-images-idx3-ubyte"), images.array());
    Files.write(dir.resolve(prefix + "-labels-idx1-ubyte"), labels.array());
  }
}
