package org.vae4j.train;

import org.vae4j.UsageError;

/** How to train: epochs over the training set, images per batch, Adam's learning rate, the seed. */
public record TrainOptions(int epochs, int batch, double learningRate, long seed) {
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
  }
}
