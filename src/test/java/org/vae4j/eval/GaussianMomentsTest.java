package org.vae4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;
import org.vae4j.nn.Parallel;
import org.vae4j.nn.Rng;

/** The mean and unbiased covariance against a plain two-pass computation. */
class GaussianMomentsTest {
  @Test
  void matchesAPlainTwoPassComputation() {
    // far from 0 and unevenly scaled, so that a one-pass sum of squares would lose digits
    int n = 103;
    int d = 9;
    Rng rng = new Rng(5);
    float[] x = new float[n * d];
    rng.fillGaussian(x, 0, x.length);
    for (int i = 0; i < n * d; i++) {
      x[i] = 1000 + (i % d + 1) * x[i];
    }
    double[] mean = new double[d];
    for (int j = 0; j < d; j++) {
      for (int i = 0; i < n; i++) {
        mean[j] += x[i * d + j];
      }
      mean[j] /= n;
    }
    GaussianMoments moments = GaussianMoments.of(x, n, d);
    assertThat(moments.count()).isEqualTo(n);
    assertThat(moments.dimension()).isEqualTo(d);
    assertThat(moments.mean()).containsExactly(mean, offset(1e-12 * 1000));
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < d; b++) {
        double s = 0;
        for (int i = 0; i < n; i++) {
          s += (x[i * d + a] - mean[a]) * (x[i * d + b] - mean[b]);
        }
        assertThat(moments.covariance()[a * d + b]).as("covariance (%d, %d)", a, b)
            .isCloseTo(s / (n - 1), offset(1e-11 * (a + 1) * (b + 1)));
      }
    }
  }

  @Test
  void twoPointsGiveTheUnbiasedVariance() {
    // (0, 0) and (2, -4): mean (1, -2); divided by n - 1 = 1: [[2, -4], [-4, 8]]
    GaussianMoments moments = GaussianMoments.of(new float[] {0, 0, 2, -4}, 2, 2);
    assertThat(moments.mean()).containsExactly(1, -2);
    assertThat(moments.covariance()).containsExactly(2, -4, -4, 8);
  }

  @Test
  void threadsDoNotChangeTheBits() {
    int n = 70;
    int d = 37; // odd, so that one covariance row has no partner
    float[] x = new float[n * d];
    new Rng(6).fillGaussian(x, 0, x.length);
    GaussianMoments serial = GaussianMoments.of(x, n, d, Parallel.SERIAL);
    try (Parallel two = new Parallel(2)) {
      GaussianMoments parallel = GaussianMoments.of(x, n, d, two);
      assertThat(parallel.covariance()).containsExactly(serial.covariance());
      assertThat(parallel.mean()).containsExactly(serial.mean());
    }
  }

  @Test
  void refusesTooFewPointsAndBadValues() {
    assertThatThrownBy(() -> GaussianMoments.of(new float[] {1, 2}, 1, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n >= 2");
    assertThatThrownBy(() -> GaussianMoments.of(new float[5], 2, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4 values, got 5");
    assertThatThrownBy(() -> GaussianMoments.of(new float[] {0, 1, Float.NaN, 3}, 2, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("point 1").hasMessageContaining("NaN");
    assertThatThrownBy(() -> new GaussianMoments(new double[2], new double[3], 5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
