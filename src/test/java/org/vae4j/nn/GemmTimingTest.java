package org.vae4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** GemmTiming's bookkeeping, not its numbers: one finite positive rate per engine, in order, within its time. */
class GemmTimingTest {
  @Test
  void oneRatePerEngineInOrderWithinTheTimeAllowed() {
    List<GemmShape> calls = List.of(new GemmShape(false, true, 8, 16, 4), new GemmShape(true, false, 16, 4, 8));
    GemmTiming timing = new GemmTiming(calls, 200_000_000L, 1);
    assertThat(timing.flopsPerPass()).isEqualTo(2.0 * (8 * 16 * 4 + 16 * 4 * 8));
    long start = System.nanoTime();
    double[] rates = timing.measure(List.of(new ReferenceGemm(), new JavaGemm(1))).gflops();
    assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L); // 0.2 s, and some slack for a busy machine
    assertThat(rates).hasSize(2);
    for (double r : rates) {
      assertThat(r).isPositive().isFinite();
    }
  }

  @Test
  void aTimingWhileTheJitKeepsCompilingHasNotSettled() {
    List<GemmShape> calls = List.of(new GemmShape(false, true, 8, 16, 4));
    long[] clock = {0};
    GemmTiming compiling = new GemmTiming(calls, 100_000_000L, 1, () -> clock[0]++);
    // (steady passes of the reference engine settle well within 0.1 s otherwise)
    assertThat(compiling.measure(List.of(new ReferenceGemm())).settled()).isFalse();
  }

  @Test
  void aCallMadeOnEachThreadRunsOnTheSingleThreadedSiblingOnly() {
    List<GemmShape> calls = List.of(new GemmShape(false, false, 8, 16, 4).onEachThread());
    CountingGemm sibling = new CountingGemm(new ReferenceGemm());
    CountingGemm engine = new CountingGemm(new NamedGemm("counting", sibling)); // its sibling counts into both
    new GemmTiming(calls, 50_000_000L, 2).measure(List.of(engine));
    assertThat(sibling.flops()).isPositive();
    assertThat(engine.flops()).isEqualTo(sibling.flops()); // nothing ran on the shared engine itself
  }
}
