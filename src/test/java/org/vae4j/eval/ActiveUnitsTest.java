package org.vae4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;
import org.vae4j.nn.Rng;

/** Active units: dead and live dimensions, the variance's normalization, the threshold's edge. */
class ActiveUnitsTest {
  @Test
  void countsTheDimensionsThatVaryAndFindsTheDeadOnes() {
    // dims 0, 2, 5 vary (sd 1, variance ~1), 1 is constant, 3 barely moves (sd 0.01, variance ~1e-4),
    // 4 moves a little (sd 0.05, variance ~2.5e-3): still dead at 0.01
    int n = 2000;
    int d = 6;
    double[] sd = {1, 0, 1, 0.01, 0.05, 1};
    float[] eps = new float[n * d];
    new Rng(1).fillGaussian(eps, 0, eps.length);
    float[] means = new float[n * d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        means[i * d + j] = (float) (0.3 + sd[j] * eps[i * d + j]);
      }
    }
    ActiveUnits units = ActiveUnits.of(means, n, d);
    assertThat(units.count()).isEqualTo(3);
    assertThat(units.threshold()).isEqualTo(ActiveUnits.THRESHOLD);
    boolean[] active = new boolean[d];
    for (int j = 0; j < d; j++) {
      active[j] = units.isActive(j);
      assertThat(units.variances()[j]).as("variance of dimension %d", j)
          .isCloseTo(sd[j] * sd[j], offset(0.1 * sd[j] * sd[j]));
    }
    assertThat(active).containsExactly(true, false, true, false, false, true);
    assertThat(units.variances()[1]).isEqualTo(0.0); // a constant is exactly 0, not round-off
  }

  @Test
  void varianceDividesByTheNumberOfPoints() {
    // -1 and 1: numpy.var gives 1, the unbiased estimate would give 2
    ActiveUnits units = ActiveUnits.of(new float[] {-1, 5, 1, 5}, 2, 2);
    assertThat(units.variances()).containsExactly(1, 0);
    assertThat(units.count()).isEqualTo(1);
  }

  @Test
  void aDimensionMustExceedTheThreshold() {
    // +-0.125 gives the variance 2^-6 = 0.015625 exactly, and +-0.0625 gives 2^-8 = 0.00390625
    float[] means = {0.125f, 0.0625f, -0.125f, -0.0625f};
    assertThat(ActiveUnits.of(means, 2, 2).variances()).containsExactly(0.015625, 0.00390625);
    assertThat(ActiveUnits.of(means, 2, 2).count()).isEqualTo(1);
    assertThat(ActiveUnits.of(means, 2, 2, 0.015625).count()).as("equal is not above").isZero();
    assertThat(ActiveUnits.of(means, 2, 2, Math.nextDown(0.015625)).count()).isEqualTo(1);
    assertThat(ActiveUnits.of(means, 2, 2, 0.00390625).count()).isEqualTo(1);
    assertThat(ActiveUnits.of(means, 2, 2, Math.nextDown(0.00390625)).count()).isEqualTo(2);
    assertThat(ActiveUnits.of(means, 2, 2, Math.nextDown(0.00390625)).isActive(1)).isTrue();
  }

  @Test
  void refusesBadInputs() {
    assertThatThrownBy(() -> ActiveUnits.of(new float[] {1, 2}, 1, 2, -0.1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threshold");
    assertThatThrownBy(() -> ActiveUnits.of(new float[] {1, Float.POSITIVE_INFINITY}, 1, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-finite");
    assertThatThrownBy(() -> ActiveUnits.of(new float[0], 0, 2))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
