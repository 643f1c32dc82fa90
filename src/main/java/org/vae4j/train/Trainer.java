package org.vae4j.train;

import java.util.Locale;
import org.vae4j.data.ImageSet;
import org.vae4j.nn.Adam;
import org.vae4j.nn.Parallel;
import org.vae4j.nn.Parameters;
import org.vae4j.nn.Rng;

/**
 * The training loop, for every model vae4j trains: each epoch shuffles the training set; per batch it
 * gathers the images and labels, lets the task ready them (binarization, augmentation), then runs the task's
 * forward and backward, optional gradient-norm clipping and an Adam step. One seeded Rng drives shuffling
 * and whatever the task draws (and, before this, the initialization), so a run is reproducible;
 * {@link #resume} puts back the state a checkpoint saved, so a resumed run continues exactly.
 *
 * <p>Guard: a NaN or infinite loss (or clipped gradient norm) stops training at once, and so do
 * non-finite parameters at the end of an epoch, before anything of that epoch is handed on to be saved.
 */
public final class Trainer {
  /** How the learning rate moves over the steps: constant, or along a half cosine from lr to 0 over all steps. */
  public enum Schedule { CONSTANT, COSINE }

  private final TrainingTask task;
  private final int epochs;
  private final int batch;
  private final double learningRate;
  private final double clip;
  private final Schedule schedule;
  private final Rng rng;
  private final Progress progress;
  private final Adam adam;
  private int epochsDone;
  private int[] order;

  /** One epoch's training: the mean loss over its images as trained, its seconds and its images. */
  public record EpochStats(int epoch, double meanLoss, double seconds, int images) {
    public double imagesPerSecond() {
      return images / seconds;
    }
  }

  /** What to do after each epoch, e.g. measure and save (with {@link #state()}). */
  @FunctionalInterface
  public interface EpochListener {
    void epochDone(EpochStats stats);
  }

  /** clip: the largest global L2 norm of a batch's gradient, 0 for no clipping. */
  public Trainer(TrainingTask task, int epochs, int batch, double learningRate, double clip, Schedule schedule,
                 Rng rng, Progress progress) {
    this.task = task;
    this.epochs = epochs;
    this.batch = batch;
    this.learningRate = learningRate;
    this.clip = clip;
    this.schedule = schedule;
    this.rng = rng;
    this.progress = progress;
    this.adam = new Adam(task.parameters().size(), learningRate, task.parallel());
  }

  /** Continues after state.epoch() epochs; the caller has put the parameters back into the model. */
  public void resume(TrainState state) {
    adam.restore(state.adamStep(), state.m(), state.v());
    rng.restore(state.rng());
    order = state.order().clone();
    epochsDone = state.epoch();
  }

  /** Trains the epochs after the last one done up to the epoch count; afterEpoch sees each one. */
  public void train(ImageSet train, EpochListener afterEpoch) {
    try {
      trainEpochs(train, afterEpoch);
    } catch (RuntimeException e) {
      progress.aborted();
      throw e;
    }
  }

  private void trainEpochs(ImageSet train, EpochListener afterEpoch) {
    int n = train.count();
    if (order == null) {
      order = new int[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
    } else if (order.length != n) {
      throw new IllegalArgumentException("resumed with " + order.length + " images in the order, got " + n);
    }
    float[] x = new float[batch * train.pixels()];
    int[] labels = new int[batch];
    Parameters parameters = task.parameters();
    float[] params = parameters.values();
    float[] grads = parameters.grads();
    long totalSteps = (long) ((n + batch - 1) / batch) * epochs;
    for (int epoch = epochsDone + 1; epoch <= epochs; epoch++) {
      progress.epochStarted(epoch, epochs, n);
      rng.shuffle(order);
      long start = System.nanoTime();
      double lossSum = 0;
      for (int from = 0; from < n; from += batch) {
        int b = Math.min(batch, n - from);
        gather(train, from, b, x);
        if (train.hasLabels()) {
          train.labels(order, from, b, labels);
        }
        task.prepare(x, labels, b, rng);
        double loss = task.forward(x, labels, b, rng, adam.stepCount());
        if (!Double.isFinite(loss)) {
          throw diverged(epoch, from / batch + 1, "the loss is " + loss);
        }
        task.zeroGrad();
        task.backward();
        if (clip > 0) {
          double norm = parameters.clipGradNorm(clip);
          if (!Double.isFinite(norm)) {
            throw diverged(epoch, from / batch + 1, "the gradient norm is " + norm);
          }
        }
        if (schedule == Schedule.COSINE) {
          adam.setLearningRate(learningRate * 0.5 * (1 + Math.cos(Math.PI * adam.stepCount() / totalSteps)));
        }
        adam.step(params, grads);
        lossSum += loss * b;
        progress.batchDone(b, loss);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      int bad = parameters.firstNonFinite();
      if (bad >= 0) {
        throw diverged(epoch, 0, "parameter " + parameters.tensorAt(bad).name() + " became " + params[bad]);
      }
      epochsDone = epoch;
      afterEpoch.epochDone(new EpochStats(epoch, lossSum / n, seconds, n));
    }
  }

  // x: (b, P) = the images order[from, from + b) in [0, 1], split over the task's threads by rows
  private void gather(ImageSet train, int from, int b, float[] x) {
    task.parallel().forRange(b, Parallel.GRAIN / train.pixels() + 1, (lo, hi) -> train.toFloats(order, from + lo,
        hi - lo, x, lo));
  }

  /**
   * What a checkpoint needs to continue after the last finished epoch, as of now: the Rng's state includes
   * whatever was drawn from it after the epoch (e.g. to measure the model), as a resume must. The arrays are
   * the trainer's own, valid until training continues.
   */
  public TrainState state() {
    return new TrainState(epochsDone, adam.stepCount(), adam.firstMoments(), adam.secondMoments(), rng.state(),
        order);
  }

  /** A divergence in epoch (at batch batchIndex, or at its end when 0). */
  TrainingDiverged diverged(int epoch, int batchIndex, String what) {
    String where = batchIndex > 0 ? String.format(Locale.ROOT, ", batch %d", batchIndex) : "";
    return new TrainingDiverged("training stopped in epoch " + epoch + where + ": " + what, epoch, clip > 0);
  }
}
