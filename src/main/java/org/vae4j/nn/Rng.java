package org.vae4j.nn;

/**
 * The one seeded random source of a run (initialization, shuffling, eps): xoshiro256** with its whole
 * state in four longs, so that a run can be reproduced and its state saved.
 */
public final class Rng {
  /** Pairs of normal draws below which splitting costs more than it saves (each pair some 50 ns). */
  private static final int PAIRS_WORTH_SPLITTING = 512;
  private final long[] s = new long[4];

  public Rng(long seed) {
    // SplitMix64 spreads the seed over the state, as the xoshiro authors recommend.
    long x = seed;
    for (int i = 0; i < 4; i++) {
      x += 0x9E3779B97F4A7C15L;
      long z = x;
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      s[i] = z ^ (z >>> 31);
    }
  }

  public long nextLong() {
    long result = Long.rotateLeft(s[1] * 5, 7) * 9;
    long t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = Long.rotateLeft(s[3], 45);
    return result;
  }

  /** Uniform in [0, 1) with 24 random bits. */
  public float nextFloat() {
    return (nextLong() >>> 40) * 0x1.0p-24f;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in [0, bound), without modulo bias. */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive: " + bound);
    }
    long limit = (1L << 32) - ((1L << 32) % bound);
    long r;
    do {
      r = nextLong() >>> 32;
    } while (r >= limit);
    return (int) (r % bound);
  }

  /** Uniform in [-bound, bound). */
  public float uniform(float bound) {
    return (2f * nextFloat() - 1f) * bound;
  }

  // out: (n) standard normal values, by Box-Muller in pairs; no state is carried between calls.
  public void fillGaussian(float[] out, int off, int n) {
    for (int i = 0; i < n; i += 2) {
      double u1 = 1.0 - nextDouble(); // in (0, 1], so the log is finite
      double u2 = nextDouble();
      double r = Math.sqrt(-2.0 * Math.log(u1));
      double theta = 2.0 * Math.PI * u2;
      out[off + i] = (float) (r * Math.cos(theta));
      if (i + 1 < n) {
        out[off + i + 1] = (float) (r * Math.sin(theta));
      }
    }
  }

  /**
   * As above, the same numbers: the uniform draws in turn, then their transformation (the logarithms, square
   * roots and trigonometric functions, the costly part) split over parallel's threads. uniforms: scratch of
   * at least 2 ceil(n / 2) values, which the caller keeps so that a loop allocates nothing.
   */
  public void fillGaussian(float[] out, int off, int n, double[] uniforms, Parallel parallel) {
    int pairs = (n + 1) / 2;
    for (int q = 0; q < pairs; q++) {
      uniforms[2 * q] = 1.0 - nextDouble();
      uniforms[2 * q + 1] = nextDouble();
    }
    parallel.forRange(pairs, PAIRS_WORTH_SPLITTING, (from, to) -> {
      for (int q = from; q < to; q++) {
        double r = Math.sqrt(-2.0 * Math.log(uniforms[2 * q]));
        double theta = 2.0 * Math.PI * uniforms[2 * q + 1];
        out[off + 2 * q] = (float) (r * Math.cos(theta));
        if (2 * q + 1 < n) {
          out[off + 2 * q + 1] = (float) (r * Math.sin(theta));
        }
      }
    });
  }

  // p: (n) probabilities in [0, 1], each replaced in place by a Bernoulli(p) draw, 0 or 1
  public void sampleBernoulli(float[] p, int n) {
    for (int i = 0; i < n; i++) {
      p[i] = nextFloat() < p[i] ? 1f : 0f;
    }
  }

  /** Shuffles order in place (Fisher-Yates). */
  public void shuffle(int[] order) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = nextInt(i + 1);
      int tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
  }

  /** A copy of the state, for checkpoints. */
  public long[] state() {
    return s.clone();
  }

  public void restore(long[] state) {
    if (state.length != 4) {
      throw new IllegalArgumentException("Rng state has 4 longs, got " + state.length);
    }
    System.arraycopy(state, 0, s, 0, 4);
  }
}
