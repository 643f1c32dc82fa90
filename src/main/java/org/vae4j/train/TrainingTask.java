package org.vae4j.train;

import org.vae4j.nn.Parallel;
import org.vae4j.nn.Parameters;
import org.vae4j.nn.Rng;

/**
 * What the training loop ({@link Trainer}) trains: a model's parameters, the loss of a batch and its
 * gradient. The loop gathers each batch's images and labels, and the task does the rest of a step's work
 * but the optimizer's.
 */
public interface TrainingTask {
  Parameters parameters();

  /** The threads for element-wise work, which the optimizer shares. */
  Parallel parallel();

  // x: (B, P) in [0, 1] as gathered, labels: (B): readies the batch in place (e.g. binarizes or shifts
  // images), drawing what it needs from rng
  default void prepare(float[] x, int[] labels, int batch, Rng rng) {}

  /**
   * The batch's mean loss, keeping what backward needs; draws what it needs from rng (e.g. eps). step:
   * the optimizer steps taken before this one.
   */
  double forward(float[] x, int[] labels, int batch, Rng rng, long step);

  /** Zeroes the gradients backward adds into. */
  void zeroGrad();

  /** Adds the gradient of the last forward's loss into the parameter gradients. */
  void backward();
}
