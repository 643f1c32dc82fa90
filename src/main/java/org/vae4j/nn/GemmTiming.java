package org.vae4j.nn;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Times GEMM engines on a list of calls (a "pass"), in alternation: each engine runs one pass per round,
 * so that a slow phase of a shared machine slows all of them alike, and keeps its fastest pass, as noise
 * only ever slows a run down. The rounds go on until every engine's best pass is as old as the rounds (none
 * improved by 3% in the later half), or the time is up: then the rates are said not to have settled, as on
 * a machine too busy to tell the engines apart. Nor do they count as settled while the JIT is still compiling
 * in the later half of the rounds: on a busy machine, C2 can take seconds to compile java-vector's paths for
 * the large calls, whose passes then run slow but steady (seen: java-vector cached at 89 GFLOP/s against
 * native's 152, where compiled it is the faster).
 *
 * <p>The Java engines run some 50 times slower until C2 has compiled their kernels (java-vector's first
 * pass of the VAE's step takes most of a second), and that takes a number of calls, not of flops: so each
 * engine first runs small calls of the same forms, by the same rule, with which its kernels compile within
 * about 0.3 s.
 *
 * <p>A call made on each thread at once ({@link GemmShape#eachThread()}) runs on the engine's single-threaded
 * sibling and counts 1 / threads of its time, as the threads share out such calls.
 */
public final class GemmTiming {
  private static final double NEW_BEST = 0.97;
  private static final int MIN_PASSES = 6;
  // the small calls' sizes: wide enough in n for java-vector to pack A (8 panels of 32), as at full size
  private static final int SMALL_MK = 64, SMALL_N = 320;

  private final List<GemmShape> shapes, small;
  private final long maxNanos;
  private final float[] a, b, c; // operands, large enough for every call
  private final LongSupplier compileMillis; // the JIT's total compilation time so far
  private final int threads; // that share out the calls made on each thread
  private final Map<Gemm, Gemm> singleThreaded = new IdentityHashMap<>();

  /**
   * Passes of shapes, for at most about maxNanos in all (half of it for the small calls), by engines working on
   * threads threads.
   */
  public GemmTiming(List<GemmShape> shapes, long maxNanos, int threads) {
    this(shapes, maxNanos, threads, GemmTiming::jitMillis);
  }

  /** As above, with the JIT's compilation time from compileMillis (a test's stand-in). */
  GemmTiming(List<GemmShape> shapes, long maxNanos, int threads, LongSupplier compileMillis) {
    this.compileMillis = compileMillis;
    this.threads = threads;
    if (shapes.isEmpty()) {
      throw new IllegalArgumentException("no calls to time");
    }
    this.shapes = List.copyOf(shapes);
    List<GemmShape> smaller = new ArrayList<>();
    for (GemmShape s : shapes) {
      smaller.add(new GemmShape(s.transA(), s.transB(), Math.min(s.m(), SMALL_MK), Math.min(s.n(), SMALL_N),
          Math.min(s.k(), SMALL_MK), s.eachThread()));
    }
    small = List.copyOf(smaller);
    this.maxNanos = maxNanos;
    long aSize = 0, bSize = 0, cSize = 0;
    for (GemmShape s : shapes) {
      aSize = Math.max(aSize, (long) s.m() * s.k());
      bSize = Math.max(bSize, (long) s.k() * s.n());
      cSize = Math.max(cSize, (long) s.m() * s.n());
    }
    Rng rng = new Rng(1);
    a = random(rng, aSize);
    b = random(rng, bSize);
    c = new float[Math.toIntExact(cSize)];
  }

  /** The floating-point operations of one pass. */
  public double flopsPerPass() {
    double flops = 0;
    for (GemmShape s : shapes) {
      flops += s.flops();
    }
    return flops;
  }

  /** GFLOP/s of each engine over a pass, in the order given; settled: whether every phase settled in time. */
  public record Rates(double[] gflops, boolean settled) {}

  public Rates measure(List<Gemm> engines) {
    long start = System.nanoTime();
    boolean settled = true;
    for (Gemm engine : engines) {
      settled &= warmUp(engine, maxNanos / 2 / engines.size());
    }
    double[] best = new double[engines.size()];
    int[] lastBest = new int[engines.size()];
    Arrays.fill(best, Double.MAX_VALUE);
    int round = 0;
    List<Long> compiled = new ArrayList<>(); // the JIT's compilation time after each round
    while (round == 0 || !settled(round, lastBest, compiled) && System.nanoTime() - start < maxNanos) {
      round++; // one round at least
      for (int e = 0; e < engines.size(); e++) {
        double t = pass(engines.get(e), shapes);
        if (t < NEW_BEST * best[e]) {
          lastBest[e] = round;
        }
        best[e] = Math.min(best[e], t);
      }
      compiled.add(compileMillis.getAsLong());
    }
    double[] rates = new double[best.length];
    for (int e = 0; e < best.length; e++) {
      rates[e] = flopsPerPass() / best[e];
    }
    return new Rates(rates, settled && settled(round, lastBest, compiled));
  }

  /** Whether the bests are as old as the rounds, and the JIT compiled nothing in their later half. */
  private static boolean settled(int rounds, int[] lastBest, List<Long> compiled) {
    return settled(rounds, lastBest) && compiled.get(rounds - 1).equals(compiled.get(rounds / 2 - 1));
  }

  /** The JIT's total compilation time in ms, or 0 where the JVM does not tell. */
  private static long jitMillis() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
  }

  /** Small passes until the best is as old as the passes (then true), or nanos are up (false). */
  private boolean warmUp(Gemm engine, long nanos) {
    long start = System.nanoTime();
    double best = Double.MAX_VALUE;
    int passes = 0, lastBest = 0;
    while (!settled(passes, lastBest) && System.nanoTime() - start < nanos) {
      double t = pass(engine, small);
      passes++;
      if (t < NEW_BEST * best) {
        lastBest = passes;
      }
      best = Math.min(best, t);
    }
    return settled(passes, lastBest);
  }

  /** Whether each best, set at those passes, came in the first half of passes (of at least MIN_PASSES). */
  private static boolean settled(int passes, int... lastBest) {
    if (passes < MIN_PASSES) {
      return false;
    }
    for (int last : lastBest) {
      if (passes < 2 * last) {
        return false;
      }
    }
    return true;
  }

  /** One pass in nanoseconds; forward products overwrite C (beta 0), the gradients add to it (beta 1). */
  private double pass(Gemm engine, List<GemmShape> calls) {
    double nanos = 0;
    for (GemmShape s : calls) {
      float beta = !s.transA() && s.transB() ? 0f : 1f;
      Gemm e = s.eachThread() ? singleThreaded.computeIfAbsent(engine, Gemm::singleThreaded) : engine;
      long start = System.nanoTime();
      e.gemm(s.transA(), s.transB(), s.m(), s.n(), s.k(), a, 0, b, 0, beta, c, 0);
      nanos += (double) (System.nanoTime() - start) / (s.eachThread() ? threads : 1);
    }
    return nanos;
  }

  private static float[] random(Rng rng, long size) {
    float[] x = new float[Math.toIntExact(size)];
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.uniform(1f);
    }
    return x;
  }
}
