package org.vae4j.train;

import java.util.ArrayList;
import java.util.List;
import org.vae4j.model.ModelSpec;
import org.vae4j.model.Objective;
import org.vae4j.model.ObjectiveSpec;
import org.vae4j.model.Vae;
import org.vae4j.nn.Adam;
import org.vae4j.nn.Gemm;
import org.vae4j.nn.Parallel;
import org.vae4j.nn.Rng;

/**
 * Times training steps (forward, backward, Adam) of a model and objective on random images of its size, and, in the same run,
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

  private final ModelSpec spec;
  private final ObjectiveSpec objective;
  private final int batch;

  public StepBenchmark(ModelSpec spec, ObjectiveSpec objective, int batch) {
    this.spec = spec;
    this.objective = objective;
    this.batch = batch;
  }

  /** Runs warmup steps, then times steps of the whole step and of its GEMM calls alone, alternating rounds. */
  public Result run(Gemm engine, Parallel parallel, int warmup, int steps, int rounds) {
    RecordingGemm gemm = new RecordingGemm(engine);
    Rng rng = new Rng(1);
    Vae vae = new Vae(spec.architecture(), gemm, parallel);
    vae.init(rng);
    Objective loss = objective.create(vae);
    Adam adam = new Adam(vae.parameters().size(), 1e-3, parallel);
    float[] x = new float[batch * spec.input()];
    int[] labels = new int[batch];
    for (int i = 0; i < x.length; i++) {
      x[i] = (int) (rng.nextFloat() * 256) / 255f;
    }
    for (int i = 0; i < batch; i++) {
      labels[i] = i % Math.max(1, spec.classes());
    }
    float[] eps = new float[batch * loss.samples() * spec.latent()];
    gemm.recording = true;
    step(loss, adam, rng, x, labels, eps);
    gemm.recording = false;
    for (int i = 0; i < warmup; i++) {
      step(loss, adam, rng, x, labels, eps);
      gemm.replay();
    }
    double stepSeconds = Double.MAX_VALUE;
    double gemmSeconds = Double.MAX_VALUE;
    for (int r = 0; r < rounds; r++) { // the best round: noise only ever slows a run down
      long start = System.nanoTime();
      for (int i = 0; i < steps; i++) {
        step(loss, adam, rng, x, labels, eps);
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

  private void step(Objective loss, Adam adam, Rng rng, float[] x, int[] labels, float[] eps) {
    rng.fillGaussian(eps, 0, eps.length);
    loss.forward(x, labels, eps, batch);
    loss.zeroGrad();
    loss.backward();
    adam.step(loss.vae().parameters().values(), loss.vae().parameters().grads());
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
    public Gemm singleThreaded() {
      return engine.singleThreaded();
    }

    @Override
    public String name() {
      return engine.name();
    }
  }
}
