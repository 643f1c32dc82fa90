package org.vae4j.data;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * An immutable set of N grey images of rows x cols pixels, kept as the IDX bytes: one unsigned byte per
 * pixel, (N, P) row-major with P = rows * cols; with a label per image (0..255, one unsigned byte) or none,
 * and the classes' names when they have names (a folder of images: its class folders, index = label).
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
  private final byte[] labels; // (N), or null for a set without labels
  private final List<String> classNames; // (C) or empty: the classes have no names
  private final int count;
  private final int rows;
  private final int cols;

  /** Takes ownership of the arrays, which nobody may change afterwards. */
  ImageSet(byte[] bytes, byte[] labels, int count, int rows, int cols) {
    this(bytes, labels, List.of(), count, rows, cols);
  }

  /** As above; labels may be null (no labels), classNames empty (classes without names). */
  ImageSet(byte[] bytes, byte[] labels, List<String> classNames, int count, int rows, int cols) {
    if (count <= 0 || rows <= 0 || cols <= 0
        || bytes.length < (long) count * rows * cols || (labels != null && labels.length < count)) {
      throw new IllegalArgumentException("arrays too short for " + count + " images of " + rows + "x" + cols);
    }
    if (labels == null && !classNames.isEmpty()) {
      throw new IllegalArgumentException("class names without labels");
    }
    this.bytes = bytes;
    this.labels = labels;
    this.classNames = List.copyOf(classNames);
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

  /** Whether the images have labels. */
  public boolean hasLabels() {
    return labels != null;
  }

  public int label(int image) {
    return labels()[Objects.checkIndex(image, count)] & 0xFF;
  }

  // out: (n) the labels of images [from, from + n)
  public void labels(int from, int n, int[] out) {
    Objects.checkFromIndexSize(from, n, count);
    byte[] all = labels();
    for (int b = 0; b < n; b++) {
      out[b] = all[from + b] & 0xFF;
    }
  }

  // out: (n) the labels of images order[from..from+n)
  public void labels(int[] order, int from, int n, int[] out) {
    byte[] all = labels();
    for (int b = 0; b < n; b++) {
      out[b] = all[Objects.checkIndex(order[from + b], count)] & 0xFF;
    }
  }

  /** The number of classes: as many as have names, else the largest label plus one; 0 without labels. */
  public int classes() {
    if (labels == null) {
      return 0;
    }
    if (!classNames.isEmpty()) {
      return classNames.size();
    }
    int max = 0;
    for (int i = 0; i < count; i++) {
      max = Math.max(max, labels[i] & 0xFF);
    }
    return max + 1;
  }

  /** The classes' names, index = label; empty when they have none (IDX files, or no labels). */
  public List<String> classNames() {
    return classNames;
  }

  private byte[] labels() {
    if (labels == null) {
      throw new IllegalStateException("these images have no labels");
    }
    return labels;
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
    return new ImageSet(binary, labels, classNames, count, rows, cols);
  }

  /** The images whose label is in labels, in their order, as a new set (a one-class training set). */
  public ImageSet withLabels(int... wanted) {
    boolean[] keep = new boolean[256];
    for (int label : wanted) {
      keep[label & 0xFF] = true;
    }
    int n = 0;
    for (int i = 0; i < count; i++) {
      n += keep[labels[i] & 0xFF] ? 1 : 0;
    }
    if (n == 0) {
      throw new IllegalArgumentException("no image has a label in " + java.util.Arrays.toString(wanted));
    }
    int p = pixels();
    byte[] kept = new byte[n * p];
    byte[] keptLabels = new byte[n];
    for (int i = 0, j = 0; i < count; i++) {
      if (keep[labels[i] & 0xFF]) {
        System.arraycopy(bytes, i * p, kept, j * p, p);
        keptLabels[j++] = labels[i];
      }
    }
    return new ImageSet(kept, keptLabels, n, rows, cols);
  }

  /**
   * Each pixel replaced, with probability rate, by a value drawn uniformly from 0..255 (the perturbation
   * Ren et al. 2019 train a likelihood ratio's background model on), from a generator seeded with seed.
   */
  public ImageSet perturbed(double rate, long seed) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("rate must be in [0, 1], got " + rate);
    }
    int n = count * pixels();
    byte[] noisy = java.util.Arrays.copyOf(bytes, n);
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < n; i++) {
      if (random.nextDouble() < rate) {
        noisy[i] = (byte) random.nextInt(256);
      }
    }
    return new ImageSet(noisy, labels, count, rows, cols);
  }

  /**
   * SHA-256 (lowercase hex) of the set's content: its count, rows and cols, pixel bytes, labels and class
   * names (the last two when it has them). It names the data a model was trained on, e.g. in a cache key; a
   * first(n) view has its own.
   */
  public String sha256() {
    MessageDigest digest = Sha256.newDigest();
    digest.update(ByteBuffer.allocate(12).putInt(count).putInt(rows).putInt(cols).array());
    digest.update(bytes, 0, count * pixels());
    if (labels != null) {
      digest.update(labels, 0, count);
    }
    for (String name : classNames) {
      digest.update((name + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The first min(n, N) images, sharing this set's memory, for quick runs. */
  public ImageSet first(int n) {
    if (n <= 0) {
      throw new IllegalArgumentException("first(" + n + "): n must be at least 1");
    }
    return n >= count ? this : new ImageSet(bytes, labels, classNames, n, rows, cols);
  }
}
