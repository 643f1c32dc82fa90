package org.vae4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class RngTest {
  @Test
  void sameSeedSameStream() {
    Rng a = new Rng(123);
    Rng b = new Rng(123);
    for (int i = 0; i < 100; i++) {
      assertThat(a.nextLong()).isEqualTo(b.nextLong());
    }
    assertThat(new Rng(124).nextLong()).isNotEqualTo(new Rng(123).nextLong());
  }

  @Test
  void restoredStateContinuesTheStream() {
    Rng a = new Rng(5);
    a.nextLong();
    long[] state = a.state();
    long next = a.nextLong();
    Rng b = new Rng(99);
    b.restore(state);
    assertThat(b.nextLong()).isEqualTo(next);
  }

  @Test
  void gaussianHasUnitMoments() {
    Rng rng = new Rng(1);
    float[] g = new float[200_001]; // odd, so the last pair is cut
    rng.fillGaussian(g, 0, g.length);
    double mean = 0;
    double var = 0;
    for (float v : g) {
      mean += v;
    }
    mean /= g.length;
    for (float v : g) {
      var += (v - mean) * (v - mean);
    }
    var /= g.length;
    assertThat(mean).isCloseTo(0, Offset.offset(0.01));
    assertThat(var).isCloseTo(1, Offset.offset(0.01));
  }

  @Test
  void gaussianOnThreadsIsTheSameStream() {
    try (Parallel two = new Parallel(2)) {
      for (int n : new int[] {1, 7, 20_001}) {
        Rng serial = new Rng(9);
        Rng split = new Rng(9);
        float[] expected = new float[n + 3];
        float[] actual = new float[n + 3];
        serial.fillGaussian(expected, 3, n);
        split.fillGaussian(actual, 3, n, new double[n + 1], two);
        assertThat(actual).containsExactly(expected);
        assertThat(split.nextLong()).isEqualTo(serial.nextLong());
      }
    }
  }

  @Test
  void nextIntIsUniformAndShuffleIsAPermutation() {
    Rng rng = new Rng(2);
    int[] counts = new int[7];
    for (int i = 0; i < 70_000; i++) {
      counts[rng.nextInt(7)]++;
    }
    for (int c : counts) {
      assertThat(c).isBetween(9_500, 10_500);
    }
    int[] order = new int[1000];
    Arrays.setAll(order, i -> i);
    rng.shuffle(order);
    assertThat(order).isNotEqualTo(java.util.stream.IntStream.range(0, 1000).toArray());
    int[] sorted = order.clone();
    Arrays.sort(sorted);
    assertThat(sorted).isEqualTo(java.util.stream.IntStream.range(0, 1000).toArray());
  }
}
