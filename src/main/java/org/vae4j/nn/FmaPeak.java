package org.vae4j.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The machine's float FMA peak as the JVM reaches it: every thread runs CHAINS independent chains of
 * vector fused multiply-adds on registers alone (no loads or stores in the loop), enough chains to hide
 * the FMA latency of two units (4 to 5 cycles each on current x86). Needs {@code --add-modules
 * jdk.incubator.vector}; load it only then.
 */
public final class FmaPeak {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int CHAINS = 12; // 12 accumulators + 2 operands fit AVX2's 16 registers
  private static final int FMA_UNITS = 2; // per core, on every x86 core with AVX2 since Haswell
  private static final double WARM_UP_SECONDS = 0.3;
  private static final double MAX_WARM_UP_SECONDS = 3;
  private static final double COMPILED_GHZ = 0.5; // below any CPU's clock with vector FMA; interpreted: 0.05

  /** gflops over all threads; gflopsPerCore; the implied clock, assuming FMA_UNITS units of the vector width. */
  public record Result(int threads, int vectorBits, double gflops, double gflopsPerCore, double impliedGhz) {}

  private FmaPeak() {}

  /**
   * The best of rounds rounds of about seconds each, on each of parallel's threads at once. Each thread's
   * chains are timed on their own and the rates added: a thread that starts late (its core busy, say with
   * the JIT compiling) or whose chains another thread ran after its own leaves a round's wall time twice
   * as long, which halved the peak in some processes, but not its own rate.
   */
  public static Result measure(Parallel parallel, int rounds, double seconds) {
    int threads = parallel.threads();
    long iterations = 1 << 16;
    double[] elapsed = new double[threads];
    warmUp(parallel, iterations, elapsed);
    while (max(elapsed) < seconds / 4) {
      iterations *= 2;
      timeRound(parallel, iterations, elapsed);
    }
    long timed = (long) (iterations * seconds / max(elapsed));
    double flopsPerThread = (double) timed * CHAINS * F.length() * 2;
    double best = 0;
    for (int r = 0; r < rounds; r++) {
      timeRound(parallel, timed, elapsed);
      double rate = 0;
      for (double e : elapsed) {
        rate += flopsPerThread / e;
      }
      best = Math.max(best, rate);
    }
    double gflops = best / 1e9;
    double perCore = gflops / threads;
    return new Result(threads, F.vectorBitSize(), gflops, perCore, perCore / (FMA_UNITS * F.length() * 2));
  }

  /**
   * Runs the chains until C2 has compiled them: for WARM_UP_SECONDS at least, and then until they run at a
   * speed only compiled code reaches (an implied clock of COMPILED_GHZ) and a round is no faster than the one
   * before; at most MAX_WARM_UP_SECONDS. Interpreted, they ran at a twentieth of a GHz, steadily: in a clean
   * clone's test suite C2 had not compiled them after 0.3 s, nor had the JIT's compilation time moved.
   */
  private static void warmUp(Parallel parallel, long iterations, double[] elapsed) {
    long start = System.nanoTime();
    double last = Double.MAX_VALUE;
    while (true) {
      timeRound(parallel, iterations, elapsed);
      double round = max(elapsed);
      double ghz = iterations * CHAINS / (round * 1e9 * FMA_UNITS); // CHAINS fmas an iteration, FMA_UNITS a cycle
      double seconds = (System.nanoTime() - start) / 1e9;
      if (seconds >= MAX_WARM_UP_SECONDS
          || seconds >= WARM_UP_SECONDS && ghz >= COMPILED_GHZ && round > 0.9 * last) {
        return;
      }
      last = round;
    }
  }

  /** Runs chains() once per thread, the threads at once; elapsed[t] = the seconds of run t's chains alone. */
  private static void timeRound(Parallel parallel, long iterations, double[] elapsed) {
    float[] sink = new float[elapsed.length];
    parallel.forRange(elapsed.length, 1, (from, to) -> {
      for (int t = from; t < to; t++) {
        long start = System.nanoTime();
        sink[t] = chains(iterations);
        elapsed[t] = (System.nanoTime() - start) / 1e9;
      }
    });
    if (Float.isNaN(sink[0])) {
      throw new AssertionError("the chains diverged"); // never: x y + z stays near z / (1 - x)
    }
  }

  private static double max(double[] values) {
    double m = 0;
    for (double v : values) {
      m = Math.max(m, v);
    }
    return m;
  }

  /** CHAINS independent chains acc = acc x + y, iterations each; returns their sum, so C2 keeps them. */
  static float chains(long iterations) {
    FloatVector x = FloatVector.broadcast(F, 0.999f), y = FloatVector.broadcast(F, 0.001f);
    FloatVector c0 = FloatVector.broadcast(F, 0f), c1 = FloatVector.broadcast(F, 0.1f);
    FloatVector c2 = FloatVector.broadcast(F, 0.2f), c3 = FloatVector.broadcast(F, 0.3f);
    FloatVector c4 = FloatVector.broadcast(F, 0.4f), c5 = FloatVector.broadcast(F, 0.5f);
    FloatVector c6 = FloatVector.broadcast(F, 0.6f), c7 = FloatVector.broadcast(F, 0.7f);
    FloatVector c8 = FloatVector.broadcast(F, 0.8f), c9 = FloatVector.broadcast(F, 0.9f);
    FloatVector c10 = FloatVector.broadcast(F, 1.0f), c11 = FloatVector.broadcast(F, 1.1f);
    for (long i = 0; i < iterations; i++) {
      c0 = c0.fma(x, y);
      c1 = c1.fma(x, y);
      c2 = c2.fma(x, y);
      c3 = c3.fma(x, y);
      c4 = c4.fma(x, y);
      c5 = c5.fma(x, y);
      c6 = c6.fma(x, y);
      c7 = c7.fma(x, y);
      c8 = c8.fma(x, y);
      c9 = c9.fma(x, y);
      c10 = c10.fma(x, y);
      c11 = c11.fma(x, y);
    }
    return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
        .reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
  }
}
