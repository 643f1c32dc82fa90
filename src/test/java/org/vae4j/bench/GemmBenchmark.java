package org.vae4j.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.vae4j.nn.Gemm;
import org.vae4j.nn.GemmEngines;
import org.vae4j.nn.Parallel;
import org.vae4j.nn.Rng;

/**
 * The three GEMM forms of a training step at the VAE's shapes (batch 128, 784-512-20): forward (x W^T),
 * input gradient (dy W) and weight gradient (dy^T x), at the largest layers and at the latent ones
 * (d = 20). GFLOP/s = 2 m n k / time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"}) // for java-vector
public class GemmBenchmark {
  /** form:m:n:k. */
  @Param({"NT:128:512:784", "NN:128:784:512", "TN:512:784:128",
      "NT:128:20:512", "NT:128:512:20", "NN:128:512:20", "NN:128:20:512", "TN:20:512:128", "TN:512:20:128"})
  public String shape;

  @Param({"native", "java-autovec", "java-vector"})
  public String engine;

  @Param({"2"})
  public int threads;

  private Parallel parallel;
  private Gemm gemm;
  private boolean transA;
  private boolean transB;
  private int m;
  private int n;
  private int k;
  private float[] a;
  private float[] b;
  private float[] c;

  @Setup(Level.Trial)
  public void setUp() {
    String[] parts = shape.split(":");
    transA = parts[0].charAt(0) == 'T';
    transB = parts[0].charAt(1) == 'T';
    m = Integer.parseInt(parts[1]);
    n = Integer.parseInt(parts[2]);
    k = Integer.parseInt(parts[3]);
    Rng rng = new Rng(1);
    a = random(rng, m * k);
    b = random(rng, k * n);
    c = new float[m * n];
    parallel = new Parallel(threads);
    gemm = GemmEngines.create(engine, parallel, System.err);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    parallel.close();
  }

  @Benchmark
  public float[] gemm() {
    gemm.gemm(transA, transB, m, n, k, a, 0, b, 0, transA ? 1f : 0f, c, 0);
    return c;
  }

  static float[] random(Rng rng, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = rng.uniform(1f);
    }
    return x;
  }
}
