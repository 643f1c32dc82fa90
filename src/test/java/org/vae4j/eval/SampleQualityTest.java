package org.vae4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SampleQualityTest {
  private static SampleQuality.Judged judged(int... histogram) {
    return new SampleQuality.Judged(null, histogram, 0, 0, new int[histogram.length], new int[histogram.length]);
  }

  @Test
  void classEntropyIsLogTenWhenUniformAndZeroForOneClass() {
    assertThat(judged(7, 7, 7, 7, 7, 7, 7, 7, 7, 7).classEntropy()).isCloseTo(Math.log(10), within(1e-12));
    assertThat(judged(0, 0, 70, 0, 0, 0, 0, 0, 0, 0).classEntropy()).isZero();
    assertThat(judged(5, 5, 0, 0, 0, 0, 0, 0, 0, 0).classEntropy()).isCloseTo(Math.log(2), within(1e-12));
  }

  @Test
  void accuracyByLabelCountsEachLabelAndIsNanForAbsentOnes() {
    SampleQuality.Judged j = new SampleQuality.Judged(null, new int[3], 0, 3, new int[] {2, 1, 0}, new int[] {2, 4, 0});
    assertThat(j.accuracyByLabel()).containsExactly(1.0, 0.25, Double.NaN);
  }
}
