package org.vae4j.train;

import org.vae4j.InvalidSetting;
import org.vae4j.data.Binarization;

/**
 * How to train: epochs over the training set, images per batch, Adam's learning rate, the seed, and the
 * largest global L2 norm of a batch's gradient (clip; 0 for no clipping), and how pixels are binarized.
 */
public record TrainOptions(int epochs, int batch, double learningRate, long seed, double clip,
                           Binarization binarization) {
  public TrainOptions {
    InvalidSetting.atLeast("epochs", epochs, 1);
    InvalidSetting.atLeast("batch", batch, 1);
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new InvalidSetting("lr", "must be a positive number, got " + learningRate);
    }
    if (!(clip >= 0) || Double.isInfinite(clip)) {
      throw new InvalidSetting("clip", "must be a positive number (a gradient norm), got " + clip);
    }
  }

  /** Without gradient clipping, on grey pixels. */
  public TrainOptions(int epochs, int batch, double learningRate, long seed) {
    this(epochs, batch, learningRate, seed, 0, Binarization.NONE);
  }

  public boolean clipping() {
    return clip > 0;
  }

  /** The same options with another epoch count. */
  public TrainOptions withEpochs(int epochs) {
    return new TrainOptions(epochs, batch, learningRate, seed, clip, binarization);
  }
}
