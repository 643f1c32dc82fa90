package org.vae4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The FMA peak's numbers agree with each other and imply a clock a CPU can have. */
class FmaPeakTest {
  @Test
  void ratesPerThreadAddUpToAPlausibleClock() {
    try (Parallel two = new Parallel(2)) {
      FmaPeak.Result peak = FmaPeak.measure(two, 2, 0.02);
      assertThat(peak.threads()).isEqualTo(2);
      assertThat(peak.vectorBits()).isEqualTo(VectorGemm.vectorBits());
      assertThat(peak.gflopsPerCore() * 2).isCloseTo(peak.gflops(), within(1e-9 * peak.gflops()));
      assertThat(peak.impliedGhz()).isCloseTo(peak.gflopsPerCore() / (2 * 2 * peak.vectorBits() / 32.0),
          within(1e-9));
      // a quarter of a GHz would be an interpreted loop, 8 no CPU's clock: the chains were not timed right
      assertThat(peak.impliedGhz()).isBetween(0.25, 8.0);
    }
  }
}
