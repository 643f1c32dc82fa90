package org.vae4j.train;

import java.util.ArrayList;
import java.util.List;
import org.vae4j.model.Vae;
import org.vae4j.model.VaeConfig;
import org.vae4j.nn.Adam;
import org.vae4j.nn.Gemm;
import org.vae4j.nn.Parallel;
import org.vae4j.nn.Rng;

/**
 * Times training steps (forward, backward, Adam) on MNIST-shaped random images, and, in the same run,
 * the GEMM calls of those very steps alone: their rate is the bound the whole step cannot beat.
 */
public final class StepBenchmark {
  /** What one benchmark measured; a GFLOP counts only the matrix products, as is usual. */
  public record Result(int batch, int steps, double stepImagesPerSecond, double gemmImagesPerSecond,
                       double flopsPerImage) {
    public double stepGflops() {
      return stepImagesPerSecond * flopsPerImage / 1e9;
    }

    public double gemmGflops() {
      return gemmImagesPerSecond * flopsPerImage / 1e9;
    }

    /** The step's speed as a share of what its matrix products alone allow. */
    public double percentOfGemmBound() {
      return 100 * stepImagesPerSecond / gemmImagesPerSecond;
    }
  }

  private final VaeConfig config;
  private final int batch;

  public StepBenchmark(VaeConfig config, int batch) {
    this.config = config;
    this.batch = batch;
  }

  /** Runs warmup steps, then times steps of the whole step and of its GEMM calls alone, alternating rounds. */
  public Result run(Gemm engine, Parallel parallel, int warmup, int steps, int rounds) {
    RecordingGemm gemm = new RecordingGemm(engine);
    Rng rng = new Rng(1);
    Vae vae = new Vae(config, gemm, parallel);
    vae.init(rng);
    Adam adam = new Adam(vae.parameters().size(), 1e-3, parallel);
    float[] x = new float[batch * config.input()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (int) (rng.nextFloat() * 256) / 255f;
    }
    float[] eps = new float[batch * config.latent()];
    gemm.recording = true;
    step(vae, adam, rng, x, eps);
    gemm.recording = false;
    for (int i = 0; i < warmup; i++) {
      step(vae, adam, rng, x, eps);
      gemm.replay();
    }
    double stepSeconds = Double.MAX_VALUE;
    double gemmSeconds = Double.MAX_VALUE;
    for (int r = 0; r < rounds; r++) { // the best round: noise only ever slows a run down
      long start = System.nanoTime();
      for (int i = 0; i < steps; i++) {
        step(vae, adam, rng, x, eps);
      }
      stepSeconds = Math.min(stepSeconds, (System.nanoTime() - start) / 1e9);
      start = System.nanoTime();
      for (int i = 0; i < steps; i++) {
        gemm.replay();
      }
      gemmSeconds = Math.min(gemmSeconds, (System.nanoTime() - start) / 1e9);
    }
    double images = (double) steps * batch;
    return new Result(batch, steps, images / stepSeconds, images / gemmSeconds, gemm.flops() / batch);
  }

  private void step(Vae vae, Adam adam, Rng rng, float[] x, float[] eps) {
    rng.fillGaussian(eps, 0, eps.length);
    vae.forward(x, eps, batch);
    vae.zeroGrad();
    vae.backward();
    adam.step(vae.parameters().values(), vae.parameters().grads());
  }

  /** Passes calls through; while recording, also keeps them, to replay them later on the same arrays. */
  private static final class RecordingGemm implements Gemm {
    private final Gemm engine;
    private final List<Runnable> calls = new ArrayList<>();
    private double flops;
    boolean recording;

    RecordingGemm(Gemm engine) {
      this.engine = engine;
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOff, float[] b, int bOff, float beta, float[] c, int cOff) {
      engine.gemm(transA, transB, m, n, k, a, aOff, b, bOff, beta, c, cOff);
      if (recording) {
        calls.add(() -> engine.gemm(transA, transB, m, n, k, a, aOff, b, bOff, beta, c, cOff));
        flops += 2.0 * m * n * k;
      }
    }

    void replay() {
      for (Runnable call : calls) {
        call.run();
      }
    }

    double flops() {
      return flops;
    }

    @Override
    public String name() {
      return engine.name();
    }
  }
}
