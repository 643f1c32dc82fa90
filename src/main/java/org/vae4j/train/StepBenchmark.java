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
 * the GEMM calls of those very steps alone: their rate is the bound the whole step cannot beat. Layers that
 * split their products over threads themselves (the convolutions) have their calls replayed on the threads
 * they were made on, in parallel. Each layer kind's share of the step is timed too.
 */
public final class StepBenchmark {
  /** One layer kind's time in a step (forward and backward of all its layers) and the FLOPs of its products. */
  public record KindTime(String kind, double secondsPerStep, double flopsPerStep) {
    public double gflops() {
      return flopsPerStep / secondsPerStep / 1e9;
    }
  }

  /** What one benchmark measured; a GFLOP counts only the matrix products, as is usual. */
  public record Result(int batch, int steps, double stepImagesPerSecond, double gemmImagesPerSecond,
                       double flopsPerImage, List<KindTime> kinds) {
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
    LayerClock clock = new LayerClock();
    Vae vae = new Vae(clock.timed(spec.architecture()), gemm, parallel);
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
      gemm.replay(parallel);
    }
    double stepSeconds = Double.MAX_VALUE;
    double gemmSeconds = Double.MAX_VALUE;
    List<KindTime> kinds = List.of();
    for (int r = 0; r < rounds; r++) { // the best round: noise only ever slows a run down
      clock.reset();
      long start = System.nanoTime();
      for (int i = 0; i < steps; i++) {
        step(loss, adam, rng, x, labels, eps);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      if (seconds < stepSeconds) {
        stepSeconds = seconds;
        kinds = clock.kinds().stream().map(k -> new KindTime(k, clock.accounts().get(k).nanos / 1e9 / steps,
            clock.accounts().get(k).flops / steps)).toList();
      }
      start = System.nanoTime();
      for (int i = 0; i < steps; i++) {
        gemm.replay(parallel);
      }
      gemmSeconds = Math.min(gemmSeconds, (System.nanoTime() - start) / 1e9);
    }
    double images = (double) steps * batch;
    return new Result(batch, steps, images / stepSeconds, images / gemmSeconds, gemm.flops() / batch, kinds);
  }

  private void step(Objective loss, Adam adam, Rng rng, float[] x, int[] labels, float[] eps) {
    rng.fillGaussian(eps, 0, eps.length);
    loss.forward(x, labels, eps, batch);
    loss.zeroGrad();
    loss.backward();
    adam.step(loss.vae().parameters().values(), loss.vae().parameters().grads());
  }

  /**
   * Passes calls through; while recording, also keeps them, to replay them later on the same arrays. The
   * single-threaded engines it hands out record likewise, each for itself.
   */
  private static final class RecordingGemm implements Gemm {
    private final Gemm engine;
    private final List<Runnable> calls = new ArrayList<>();
    private final List<RecordingGemm> perThread; // the single-threaded engines handed out (null in those)
    private final RecordingGemm parent; // the recorder whose switch and FLOP count this one shares (null: itself)
    private double flops;
    boolean recording;

    RecordingGemm(Gemm engine) {
      this(engine, null);
    }

    private RecordingGemm(Gemm engine, RecordingGemm parent) {
      this.engine = engine;
      this.parent = parent;
      this.perThread = parent == null ? new ArrayList<>() : null;
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOff, float[] b, int bOff, float beta, float[] c, int cOff) {
      engine.gemm(transA, transB, m, n, k, a, aOff, b, bOff, beta, c, cOff);
      RecordingGemm root = parent == null ? this : parent;
      if (root.recording) {
        calls.add(() -> engine.gemm(transA, transB, m, n, k, a, aOff, b, bOff, beta, c, cOff));
        synchronized (root) {
          root.flops += 2.0 * m * n * k;
        }
      }
    }

    @Override
    public boolean gemmBias(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, float[] b,
                            int bOff, float[] bias, int biasOff, boolean relu, float[] c, int cOff) {
      boolean done = engine.gemmBias(transA, transB, m, n, k, a, aOff, b, bOff, bias, biasOff, relu, c, cOff);
      RecordingGemm root = parent == null ? this : parent;
      if (done && root.recording) { // its products alone are the bound
        calls.add(() -> engine.gemm(transA, transB, m, n, k, a, aOff, b, bOff, 0f, c, cOff));
        synchronized (root) {
          root.flops += 2.0 * m * n * k;
        }
      }
      return done;
    }

    /** The calls through this engine, in order, then those of the single-threaded ones, in parallel. */
    void replay(Parallel parallel) {
      for (Runnable call : calls) {
        call.run();
      }
      parallel.forItems(perThread.size(), (item, thread) -> perThread.get(item).calls.forEach(Runnable::run));
    }

    double flops() {
      return flops;
    }

    @Override
    public Gemm singleThreaded() {
      RecordingGemm child = new RecordingGemm(engine.singleThreaded(), this);
      perThread.add(child);
      return child;
    }

    @Override
    public String name() {
      return engine.name();
    }
  }
}
