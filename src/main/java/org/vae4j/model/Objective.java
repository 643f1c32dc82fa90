package org.vae4j.model;

/**
 * A training objective of a {@link Vae}: the loss of a batch, a bound on -log p(x) (or a weighted form of
 * one), and its gradient. It puts the model's encoder and decoder together with the reparameterization
 * z = mean + exp(logvar / 2) eps, drawing nothing itself: the caller hands in eps, so that a run (and a
 * test against PyTorch) controls every random number.
 */
public interface Objective {
  /** Samples of z per image: eps is (B * samples(), d). */
  int samples();

  /**
   * x: (B, P), labels: (B) or null, eps: (B * samples(), d) standard normal. Returns the batch's mean loss
   * and keeps what {@link #backward} needs (x, labels and eps too: the caller must not change them before).
   */
  double forward(float[] x, int[] labels, float[] eps, int batch);

  /** Zeroes the gradients the next backward adds into: the model's parameters' and activations'. */
  void zeroGrad();

  /** Adds the gradient of the last forward's mean loss into the model's parameter gradients. */
  void backward();

  /** The last forward's -log p(x | z) summed over the batch (averaged over the samples of each image). */
  double reconSum();

  /** The last forward's KL(q(z | x) || N(0, I)) summed over the batch, analytic. */
  double klSum();

  Vae vae();
}
