package org.vae4j.viz;

import java.util.Arrays;
import java.util.List;
import org.vae4j.UserError;
import org.vae4j.data.ImageSet;
import org.vae4j.model.Inference;
import org.vae4j.model.Vae;
import org.vae4j.nn.Rng;
import org.vae4j.train.EpochMetrics;

/**
 * What the figures of one model share: the model, its test images (as it saw them: binarized if it was
 * trained on binary pixels), its metrics (null when there are none), the seed, the manifold's size and the
 * pixel scale; and the helpers they pick images and encode with. Each figure draws its random choices from
 * its own Rng seeded with seed + a fixed offset, so a figure is the same whichever others are made.
 */
final class FigureContext {
  final Inference model;
  final Vae vae;
  final ImageSet test;
  final List<EpochMetrics> epochs;
  final long seed;
  final int manifoldSize;
  final int scale;
  final int d;
  private float[] testMeans; // (N, d), made once when a figure needs it

  FigureContext(Vae vae, ImageSet test, List<EpochMetrics> epochs, long seed, int manifoldSize, int scale) {
    if (test.pixels() != vae.input()) {
      throw new UserError("the model takes " + vae.input() + " pixels per image, the test images have "
          + test.pixels());
    }
    this.model = new Inference(vae);
    this.vae = vae;
    this.test = test;
    this.epochs = epochs;
    this.seed = seed;
    this.manifoldSize = manifoldSize;
    this.scale = scale;
    this.d = vae.latent();
  }

  boolean conditional() {
    return vae.conditional();
  }

  /** A grid of rows x cols digit-sized tiles at the figures' scale. */
  Tiles tiles(int rows, int cols) {
    return new Tiles(rows, cols, test.rows(), test.cols(), scale);
  }

  /** (N, d) encoder means of the whole test set (given the labels, for a conditional model). */
  float[] testMeans() {
    if (testMeans == null) {
      int n = test.count();
      int[] all = new int[n];
      Arrays.setAll(all, i -> i);
      testMeans = model.encode(pixels(all), labels(all), n).mean();
    }
    return testMeans;
  }

  /** The images' pixels, (n, P). */
  float[] pixels(int[] images) {
    float[] x = new float[images.length * test.pixels()];
    test.toFloats(images, 0, images.length, x);
    return x;
  }

  /** The images' labels for a conditional model; null for others, which take none. */
  int[] labels(int[] images) {
    if (!conditional()) {
      return null;
    }
    int[] y = new int[images.length];
    test.labels(images, 0, images.length, y);
    return y;
  }

  /** n distinct test images, at random (a partial Fisher-Yates shuffle); repeated when there are fewer. */
  int[] pick(Rng rng, int n) {
    int count = test.count();
    int[] order = new int[count];
    for (int i = 0; i < count; i++) {
      order[i] = i;
    }
    int k = Math.min(n, count);
    for (int i = 0; i < k; i++) {
      int j = i + rng.nextInt(count - i);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int[] picked = Arrays.copyOf(order, n);
    for (int i = k; i < n; i++) {
      picked[i] = order[i % k];
    }
    return picked;
  }

  /** How figures name a label: its class's name when the classes have names, else "digit 3". */
  String className(int label) {
    return test.classNames().isEmpty() ? "digit " + label : test.classNames().get(label);
  }

  /** n random test images with different labels while there are labels left to differ (any, without labels). */
  int[] distinctDigits(Rng rng, int n) {
    int[] picked = new int[n];
    boolean[] used = new boolean[Math.max(1, test.classes())];
    boolean labelled = test.hasLabels();
    for (int i = 0; i < n; i++) {
      int candidate = rng.nextInt(test.count());
      for (int tries = 0; labelled && tries < 1000 && used[test.label(candidate)]; tries++) {
        candidate = rng.nextInt(test.count());
      }
      used[labelled ? test.label(candidate) : 0] = true;
      picked[i] = candidate;
    }
    return picked;
  }

  /** A random test image of the given label, other than `other` while there is one (tries at random). */
  int sameDigit(Rng rng, int label, int other) {
    int candidate = rng.nextInt(test.count());
    for (int tries = 0; tries < 10_000 && (test.label(candidate) != label || candidate == other); tries++) {
      candidate = rng.nextInt(test.count());
    }
    return candidate;
  }
}
