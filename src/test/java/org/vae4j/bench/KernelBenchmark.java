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
import org.vae4j.nn.Adam;
import org.vae4j.nn.GaussianLatent;
import org.vae4j.nn.Parallel;
import org.vae4j.nn.Rng;
import org.vae4j.nn.SigmoidBce;

/** The element-wise kernels of a step at batch 128 of the 784-512-20 VAE, and Adam over its 814,116 parameters. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KernelBenchmark {
  private static final int B = 128;
  private static final int P = 784;
  private static final int D = 20;
  private static final int PARAMETERS = 814_116;

  @Param({"1", "2"})
  public int threads;

  private Parallel parallel;
  private float[] logits;
  private float[] x;
  private float[] probs;
  private float[] work;
  private float[] dlogits;
  private double[] perImage;
  private float[] mean;
  private float[] logvar;
  private float[] eps;
  private float[] z;
  private float[] std;
  private float[] params;
  private float[] grads;
  private Adam adam;

  @Setup(Level.Trial)
  public void setUp() {
    Rng rng = new Rng(1);
    logits = GemmBenchmark.random(rng, B * P);
    x = GemmBenchmark.random(rng, B * P);
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.abs(x[i]);
    }
    probs = new float[B * P];
    work = new float[B * P];
    dlogits = new float[B * P];
    perImage = new double[B];
    mean = GemmBenchmark.random(rng, B * D);
    logvar = GemmBenchmark.random(rng, B * D);
    eps = GemmBenchmark.random(rng, B * D);
    z = new float[B * D];
    std = new float[B * D];
    params = GemmBenchmark.random(rng, PARAMETERS);
    grads = GemmBenchmark.random(rng, PARAMETERS);
    parallel = new Parallel(threads);
    adam = new Adam(PARAMETERS, 1e-3, parallel);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    parallel.close();
  }

  @Benchmark
  public double[] sigmoidBceForward() {
    parallel.forRange(B, 2, (from, to) -> SigmoidBce.forward(perImage, probs, work, logits, x, from, to, P));
    return perImage;
  }

  @Benchmark
  public float[] sigmoidBceBackward() {
    SigmoidBce.backward(dlogits, probs, x, B * P, 1f / B, Parallel.SERIAL);
    return dlogits;
  }

  @Benchmark
  public float[] reparameterizeAndKl() {
    GaussianLatent.reparameterize(z, std, mean, logvar, eps, B * D, parallel);
    GaussianLatent.kl(perImage, mean, logvar, B, D, parallel);
    return z;
  }

  @Benchmark
  public float[] adamStep() {
    adam.step(params, grads);
    return params;
  }
}
