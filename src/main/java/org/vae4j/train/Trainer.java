package org.vae4j.train;

import java.util.Locale;
import org.vae4j.data.ImageSet;
import org.vae4j.model.NelboEstimate;
import org.vae4j.model.NelboEvaluator;
import org.vae4j.model.Vae;
import org.vae4j.nn.Adam;
import org.vae4j.nn.Parameters;
import org.vae4j.nn.Rng;

/**
 * The training loop: each epoch shuffles the training set; per batch it binarizes the pixels (dynamic
 * binarization only) and runs forward, backward, optional gradient-norm clipping and an Adam step; then it
 * measures the test negative ELBO. One seeded Rng drives shuffling, binarization and eps (and, before this,
 * the initialization), so a run is reproducible; {@link #resume} puts back the state a checkpoint saved, so
 * a resumed run continues exactly.
 *
 * <p>Guard: a NaN or infinite loss (or clipped gradient norm) stops training at once, and so do
 * non-finite parameters or test loss at the end of an epoch, before anything of that epoch is handed on
 * to be saved.
 */
public final class Trainer {
  private final Vae vae;
  private final TrainOptions options;
  private final Rng rng;
  private final Adam adam;
  private final Progress progress;
  private int epochsDone;
  private int[] order;

  /** What to do after each epoch, e.g. save files; state is valid until the call returns. */
  @FunctionalInterface
  public interface EpochListener {
    void epochDone(EpochMetrics metrics, TrainState state);
  }

  public Trainer(Vae vae, TrainOptions options, Rng rng, Progress progress) {
    this.vae = vae;
    this.options = options;
    this.rng = rng;
    this.progress = progress;
    this.adam = new Adam(vae.parameters().size(), options.learningRate(), vae.parallel());
  }

  /** Continues after state.epoch() epochs; the caller has put the parameters back into the model. */
  public void resume(TrainState state) {
    adam.restore(state.adamStep(), state.m(), state.v());
    rng.restore(state.rng());
    order = state.order().clone();
    epochsDone = state.epoch();
  }

  /**
   * Trains the epochs after the last one done up to options.epochs(); afterEpoch sees each epoch's
   * metrics and state. Returns the last epoch's metrics (null when there was nothing left to do).
   */
  public EpochMetrics train(ImageSet train, ImageSet test, EpochListener afterEpoch) {
    try {
      return trainEpochs(train, test, afterEpoch);
    } catch (RuntimeException e) {
      progress.aborted();
      throw e;
    }
  }

  private EpochMetrics trainEpochs(ImageSet train, ImageSet test, EpochListener afterEpoch) {
    int n = train.count();
    int batch = options.batch();
    int latent = vae.config().latent();
    if (order == null) {
      order = new int[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
    } else if (order.length != n) {
      throw new IllegalArgumentException("resumed with " + order.length + " images in the order, got " + n);
    }
    float[] x = new float[batch * train.pixels()];
    float[] eps = new float[batch * latent];
    Parameters parameters = vae.parameters();
    float[] params = parameters.values();
    float[] grads = parameters.grads();
    NelboEvaluator evaluator = new NelboEvaluator(batch, rng);
    EpochMetrics metrics = null;
    for (int epoch = epochsDone + 1; epoch <= options.epochs(); epoch++) {
      progress.epochStarted(epoch, options.epochs(), n);
      rng.shuffle(order);
      long start = System.nanoTime();
      double lossSum = 0;
      double reconSum = 0;
      double klSum = 0;
      for (int from = 0; from < n; from += batch) {
        int b = Math.min(batch, n - from);
        train.toFloats(order, from, b, x);
        if (options.binarization().perBatch()) {
          rng.sampleBernoulli(x, b * train.pixels());
        }
        rng.fillGaussian(eps, 0, b * latent);
        double loss = vae.forward(x, eps, b);
        if (!Double.isFinite(loss)) {
          throw diverged(epoch, from / batch + 1, "the loss is " + loss);
        }
        vae.zeroGrad();
        vae.backward();
        if (options.clipping()) {
          double norm = parameters.clipGradNorm(options.clip());
          if (!Double.isFinite(norm)) {
            throw diverged(epoch, from / batch + 1, "the gradient norm is " + norm);
          }
        }
        adam.step(params, grads);
        lossSum += loss * b;
        reconSum += vae.reconSum();
        klSum += vae.klSum();
        progress.batchDone(b, loss);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      int bad = parameters.firstNonFinite();
      if (bad >= 0) {
        throw diverged(epoch, 0, "parameter " + parameters.tensorAt(bad).name() + " became " + params[bad]);
      }
      NelboEstimate testNelbo = evaluator.evaluate(vae, test);
      if (!Double.isFinite(testNelbo.nelbo())) {
        throw diverged(epoch, 0, "the test loss is " + testNelbo.nelbo());
      }
      metrics = new EpochMetrics(epoch, lossSum / n, testNelbo.nelbo(), testNelbo.recon(),
          testNelbo.kl(), seconds, n / seconds, reconSum / n, klSum / n);
      progress.epochDone(metrics, options.epochs());
      epochsDone = epoch;
      afterEpoch.epochDone(metrics, new TrainState(epoch, adam.stepCount(), adam.firstMoments(),
          adam.secondMoments(), rng.state(), order));
    }
    return metrics;
  }

  private TrainingDiverged diverged(int epoch, int batchIndex, String what) {
    String where = batchIndex > 0 ? String.format(Locale.ROOT, ", batch %d", batchIndex) : "";
    return new TrainingDiverged(epoch, where, what, options.clipping());
  }
}
