package org.vae4j.data;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * An immutable set of N grey images of rows x cols pixels with their labels (0..9), kept as the IDX
 * bytes: one unsigned byte per pixel, (N, P) row-major with P = rows * cols.
 */
public final class ImageSet {
  /** UNIT[v] = v / 255f: a table, as C2 does not vectorize the byte-to-float conversion and one lookup is cheaper. */
  private static final float[] UNIT = new float[256];

  static {
    for (int v = 0; v < 256; v++) {
      UNIT[v] = v / 255f;
    }
  }

  private final byte[] bytes; // (N, P), possibly longer: a first(n) view shares its parent's arrays
  private final byte[] labels; // (N)
  private final int count;
  private final int rows;
  private final int cols;

  /** Takes ownership of the arrays, which nobody may change afterwards. */
  ImageSet(byte[] bytes, byte[] labels, int count, int rows, int cols) {
    if (count <= 0 || rows <= 0 || cols <= 0
        || bytes.length < (long) count * rows * cols || labels.length < count) {
      throw new IllegalArgumentException("arrays too short for " + count + " images of " + rows + "x" + cols);
    }
    this.bytes = bytes;
    this.labels = labels;
    this.count = count;
    this.rows = rows;
    this.cols = cols;
  }

  public int count() {
    return count;
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  /** P, the pixels per image. */
  public int pixels() {
    return rows * cols;
  }

  public int label(int image) {
    return labels[Objects.checkIndex(image, count)];
  }

  // out: (n) the labels of images [from, from + n)
  public void labels(int from, int n, int[] out) {
    Objects.checkFromIndexSize(from, n, count);
    for (int b = 0; b < n; b++) {
      out[b] = labels[from + b];
    }
  }

  // out: (n) the labels of images order[from..from+n)
  public void labels(int[] order, int from, int n, int[] out) {
    for (int b = 0; b < n; b++) {
      out[b] = labels[Objects.checkIndex(order[from + b], count)];
    }
  }

  /** The number of classes: the largest label plus one. */
  public int classes() {
    int max = 0;
    for (int i = 0; i < count; i++) {
      max = Math.max(max, labels[i]);
    }
    return max + 1;
  }

  /** The grey value 0..255 of pixel p (row-major) of an image. */
  public int pixel(int image, int p) {
    return bytes[Objects.checkIndex(image, count) * pixels() + Objects.checkIndex(p, pixels())] & 0xFF;
  }

  /**
   * Writes images order[from..from+n) scaled to [0,1] into out, (n, P) row-major. The batching hot path:
   * it allocates nothing.
   */
  public void toFloats(int[] order, int from, int n, float[] out) {
    toFloats(order, from, n, out, 0);
  }

  /** As above, into rows [outRow, outRow + n) of out: a part of a batch, for one thread of several. */
  public void toFloats(int[] order, int from, int n, float[] out, int outRow) {
    for (int b = 0; b < n; b++) {
      toFloats(Objects.checkIndex(order[from + b], count), out, outRow + b);
    }
  }

  /** Writes images [from, from+n) scaled to [0,1] into out, (n, P) row-major. */
  public void toFloats(int from, int n, float[] out) {
    Objects.checkFromIndexSize(from, n, count);
    for (int b = 0; b < n; b++) {
      toFloats(from + b, out, b);
    }
  }

  // out row `row` of (., P) = image / 255
  private void toFloats(int image, float[] out, int row) {
    int p = pixels();
    int src = image * p;
    int dst = row * p;
    for (int j = 0; j < p; j++) {
      out[dst + j] = UNIT[bytes[src + j] & 0xFF];
    }
  }

  /**
   * One Bernoulli draw of every pixel: 255 with probability value / 255, else 0, from a generator seeded
   * with seed, so the same seed gives the same binary set on any machine.
   */
  public ImageSet binarized(long seed) {
    int n = count * pixels();
    byte[] binary = new byte[n];
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < n; i++) {
      // 255 * u < value, with u uniform in [0, 1): probability value / 255
      binary[i] = random.nextInt(255) < (bytes[i] & 0xFF) ? (byte) 255 : 0;
    }
    return new ImageSet(binary, labels, count, rows, cols);
  }

  /**
   * SHA-256 (lowercase hex) of the set's content: its count, rows and cols, pixel bytes and labels. It names
   * the data a model was trained on, e.g. in a cache key; a first(n) view has its own.
   */
  public String sha256() {
    MessageDigest digest = Sha256.newDigest();
    digest.update(ByteBuffer.allocate(12).putInt(count).putInt(rows).putInt(cols).array());
    digest.update(bytes, 0, count * pixels());
    digest.update(labels, 0, count);
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The first min(n, N) images, sharing this set's memory, for quick runs. */
  public ImageSet first(int n) {
    if (n <= 0) {
      throw new IllegalArgumentException("first(" + n + "): n must be at least 1");
    }
    return n >= count ? this : new ImageSet(bytes, labels, n, rows, cols);
  }
}
