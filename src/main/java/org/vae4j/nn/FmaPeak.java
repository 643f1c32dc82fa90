package org.vae4j.nn;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.atomic.AtomicLong;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The machine's peak rate of float multiply-adds as the JVM reaches it: every thread of a Parallel runs
 * CHAINS independent chains of vector fused multiply-adds (the Vector API's preferred width: 16 floats with
 * AVX-512), enough to keep two FMA units busy through their latency, and nothing else. Each thread's rate
 * is over its own CPU time, so that other processes on the cores do not lower the peak (they lower the
 * measured kernels instead). A matrix product cannot beat this; GFLOP/s of a kernel divided by it is the
 * kernel's share of the peak. Needs the Vector API's module, like {@link VectorGemm}: load it only where
 * {@link GemmEngines#vectorApi()}.
 */
public final class FmaPeak {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int CHAINS = 12;
  private static final int STEPS = 1 << 22; // about 25 ms per round on a 3 GHz core
  private static final int WARMUP_CALLS = 4000;
  private static final int WARMUP_STEPS = 64;

  private FmaPeak() {}

  /** Floats per vector: 16 with AVX-512, 8 with AVX2. */
  public static int lanes() {
    return F.length();
  }

  /**
   * GFLOP/s of all of parallel's threads, each over its own CPU time, the best of rounds; 2 FLOPs per lane of
   * a multiply-add.
   */
  public static double gflops(Parallel parallel, int rounds) {
    AtomicLong sink = new AtomicLong(); // the chains' results go somewhere, so the JIT keeps them
    // Until C2 compiles them, vector operations allocate: short calls first, which get compiled before
    // they make much garbage (one long loop made 700 MB of it, and G1 grew the heap to match)
    for (int i = 0; i < WARMUP_CALLS; i++) {
      sink.addAndGet(chains(WARMUP_STEPS));
    }
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    double[] nanos = new double[parallel.threads()];
    double best = 0;
    for (int r = 0; r < rounds; r++) {
      parallel.forItems(parallel.threads(), (item, thread) -> {
        long start = cpu.getCurrentThreadCpuTime();
        sink.addAndGet(chains(STEPS));
        nanos[item] = cpu.getCurrentThreadCpuTime() - start;
      });
      double rate = 0;
      for (double n : nanos) {
        rate += (double) STEPS * CHAINS * F.length() * 2 / n;
      }
      best = Math.max(best, rate);
    }
    return best;
  }

  /** steps rounds of CHAINS independent multiply-adds; returns bits of the result. */
  private static long chains(int steps) {
    FloatVector m = FloatVector.broadcast(F, 0.999999f);
    FloatVector c = FloatVector.broadcast(F, 1e-6f);
    FloatVector a0 = FloatVector.broadcast(F, 1f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0,
        a8 = a0, a9 = a0, a10 = a0, a11 = a0;
    for (int i = 0; i < steps; i++) {
      a0 = a0.fma(m, c);
      a1 = a1.fma(m, c);
      a2 = a2.fma(m, c);
      a3 = a3.fma(m, c);
      a4 = a4.fma(m, c);
      a5 = a5.fma(m, c);
      a6 = a6.fma(m, c);
      a7 = a7.fma(m, c);
      a8 = a8.fma(m, c);
      a9 = a9.fma(m, c);
      a10 = a10.fma(m, c);
      a11 = a11.fma(m, c);
    }
    FloatVector sum = a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11);
    return Float.floatToIntBits(sum.reduceLanes(jdk.incubator.vector.VectorOperators.ADD));
  }
}
