package org.vae4j.viz;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The sliders of a latent explorer: one per dimension, or for a large d those of the dimensions whose means
 * vary most; each spans its means' range and at least [-3, 3], the prior's bulk.
 */
public final class LatentSliders {
  /** The most sliders an explorer shows. */
  public static final int MAX = 64;

  /** One slider: the latent dimension it sets and its range. */
  public record Slider(int dim, double min, double max) {}

  private LatentSliders() {}

  // means: (n, d) -> the sliders, in dimension order
  public static List<Slider> of(float[] means, int n, int d) {
    List<Slider> sliders = new ArrayList<>();
    for (int j : dimensions(means, n, d)) {
      double low = -3;
      double high = 3;
      for (int i = 0; i < n; i++) {
        low = Math.min(low, means[i * d + j]);
        high = Math.max(high, means[i * d + j]);
      }
      sliders.add(new Slider(j, low, high));
    }
    return sliders;
  }

  /** Every dimension, or for d > MAX the MAX whose means vary most, in index order. */
  private static int[] dimensions(float[] means, int n, int d) {
    if (d <= MAX) {
      return IntStream.range(0, d).toArray();
    }
    double[] variance = new double[d];
    for (int j = 0; j < d; j++) {
      double sum = 0;
      double squares = 0;
      for (int i = 0; i < n; i++) {
        sum += means[i * d + j];
        squares += (double) means[i * d + j] * means[i * d + j];
      }
      variance[j] = squares / n - (sum / n) * (sum / n);
    }
    return IntStream.range(0, d).boxed().sorted((a, b) -> Double.compare(variance[b], variance[a]))
        .limit(MAX).mapToInt(Integer::intValue).sorted().toArray();
  }
}
