package org.vae4j.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Phi^-1 against tabulated values (R's qnorm, 10 digits), in the centre and in both tails. */
class InverseNormalTest {
  @ParameterizedTest
  @CsvSource({
      "0.975, 1.959963985",
      "0.025, -1.959963985",
      "0.5, 0.0",
      "0.95, 1.644853627",
      "0.05, -1.644853627",
      "0.8413447461, 1.0",
      "0.001, -3.090232306",
      "0.9999, 3.719016485",
      "1e-10, -6.361340902",
  })
  void matchesKnownQuantiles(double p, double z) {
    assertThat(InverseNormal.of(p)).isCloseTo(z, offset(Math.max(1e-8, Math.abs(z) * 2e-9)));
  }

  @Test
  void isSymmetricAndIncreasing() {
    double previous = Double.NEGATIVE_INFINITY;
    for (int i = 1; i < 1000; i++) {
      double p = i / 1000.0;
      double z = InverseNormal.of(p);
      assertThat(z).isGreaterThan(previous);
      assertThat(z).isCloseTo(-InverseNormal.of(1 - p), offset(1e-9));
      previous = z;
    }
    assertThat(InverseNormal.of(0)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(InverseNormal.of(1)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThatThrownBy(() -> InverseNormal.of(1.5)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void manifoldGridRunsFromFivePercentToNinetyFivePercent() {
    double[] z = InverseNormal.grid(20, 0.05, 0.95);
    assertThat(z).hasSize(20);
    assertThat(z[0]).isCloseTo(-1.644853627, offset(1e-8));
    assertThat(z[19]).isCloseTo(1.644853627, offset(1e-8));
    assertThat(z[10]).isCloseTo(InverseNormal.of(0.05 + 0.9 * 10 / 19), offset(1e-12));
  }
}
