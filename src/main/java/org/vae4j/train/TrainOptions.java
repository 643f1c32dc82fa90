package org.vae4j.train;

import org.vae4j.UsageError;
import org.vae4j.data.Binarization;

/**
 * How to train: epochs over the training set, images per batch, Adam's learning rate, the seed, and the
 * largest global L2 norm of a batch's gradient (clip; 0 for no clipping), and how pixels are binarized.
 */
public record TrainOptions(int epochs, int batch, double learningRate, long seed, double clip,
                           Binarization binarization) {
  public TrainOptions {
    if (epochs < 1) {
      throw new UsageError("--epochs must be at least 1, got " + epochs);
    }
    if (batch < 1) {
      throw new UsageError("--batch must be at least 1, got " + batch);
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new UsageError("--lr must be a positive number, got " + learningRate);
    }
    if (!(clip >= 0) || Double.isInfinite(clip)) {
      throw new UsageError("--clip must be a positive number (a gradient norm), got " + clip);
    }
  }

  /** Without gradient clipping, on grey pixels. */
  public TrainOptions(int epochs, int batch, double learningRate, long seed) {
    this(epochs, batch, learningRate, seed, 0, Binarization.NONE);
  }

  public boolean clipping() {
    return clip > 0;
  }
}
