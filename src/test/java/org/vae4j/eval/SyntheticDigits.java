package org.vae4j.eval;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vae4j.data.Dataset;
import org.vae4j.data.DatasetProvider;
import org.vae4j.nn.Rng;

/**
 * Tiny stand-ins for MNIST, written as the four IDX files and read back by DatasetProvider, for tests that
 * train a classifier in well under a second.
 */
final class SyntheticDigits {
  static final int SIDE = 8;
  private static final int CLASSES = 10;

  private SyntheticDigits() {}

  /**
   * A separable set: ten fixed random 8x8 patterns, one per class, each image its class's pattern with noise
   * and 5% of its pixels flipped. count training and count test images; seed chooses the noise (the
   * patterns are always the same).
   */
  static Dataset make(Path dir, int count, long seed) throws IOException {
    boolean[][] patterns = new boolean[CLASSES][SIDE * SIDE];
    Rng patternRng = new Rng(99);
    for (boolean[] pattern : patterns) {
      for (int p = 0; p < pattern.length; p++) {
        pattern[p] = patternRng.nextFloat() < 0.35f;
      }
    }
    Rng rng = new Rng(seed);
    Files.createDirectories(dir);
    writeSet(dir, "train", count, patterns, rng);
    writeSet(dir, "t10k", count, patterns, rng);
    return DatasetProvider.load("mnist", dir, new PrintStream(OutputStream.nullOutputStream()));
  }

  /**
   * Bars on 8x8: class 0 a horizontal bar, class 1 a vertical one, with noise. In the training set the bars
   * go through the middle (row or column 3 or 4); in the test set they are 2 pixels further out, where no
   * training image has a bar: only a model trained on shifted images has seen such pixels lit.
   */
  static Dataset bars(Path dir, int count, long seed) throws IOException {
    Rng rng = new Rng(seed);
    Files.createDirectories(dir);
    writeBars(dir, "train", count, new int[] {3, 4}, rng);
    writeBars(dir, "t10k", count, new int[] {1, 6}, rng);
    return DatasetProvider.load("mnist", dir, new PrintStream(OutputStream.nullOutputStream()));
  }

  private static void writeBars(Path dir, String prefix, int count, int[] places, Rng rng) throws IOException {
    int pixels = SIDE * SIDE;
    ByteBuffer images = header(0x0803, count).putInt(SIDE).putInt(SIDE);
    ByteBuffer labels = header(0x0801, count);
    for (int i = 0; i < count; i++) {
      int label = rng.nextInt(2);
      int place = places[rng.nextInt(places.length)];
      labels.put((byte) label);
      for (int p = 0; p < pixels; p++) {
        boolean on = (label == 0 ? p / SIDE : p % SIDE) == place;
        images.put((byte) ((on ? 200 : 0) + rng.nextInt(50)));
      }
    }
    Files.write(dir.resolve(prefix + "-images-idx3-ubyte"), images.array());
    Files.write(dir.resolve(prefix + "-labels-idx1-ubyte"), labels.array());
  }

  private static ByteBuffer header(int magic, int count) {
    int size = magic == 0x0803 ? 16 + count * SIDE * SIDE : 8 + count;
    return ByteBuffer.allocate(size).putInt(magic).putInt(count);
  }

  private static void writeSet(Path dir, String prefix, int count, boolean[][] patterns, Rng rng)
      throws IOException {
    int pixels = SIDE * SIDE;
    ByteBuffer images = header(0x0803, count).putInt(SIDE).putInt(SIDE);
    ByteBuffer labels = header(0x0801, count);
    for (int i = 0; i < count; i++) {
      int label = rng.nextInt(CLASSES);
      labels.put((byte) label);
      for (int p = 0; p < pixels; p++) {
        boolean on = patterns[label][p] != rng.nextFloat() < 0.05f;
        images.put((byte) ((on ? 180 : 0) + rng.nextInt(70)));
      }
    }
    Files.write(dir.resolve(prefix + "-images-idx3-ubyte"), images.array());
    Files.write(dir.resolve(prefix + "-labels-idx1-ubyte"), labels.array());
  }
}
