package org.vae4j.model;

/**
 * A latent-variable model p(x, z) = p(x | z) N(z; 0, I) with a diagonal Gaussian approximate posterior
 * q(z | x) = N(mean(x), exp(logvar(x))): what estimators of log p(x) by importance sampling need.
 */
public interface LatentGaussianModel {
  /** d, the latent dimensions. */
  int latent();

  /** P, the values of one x. */
  int input();

  // x: (B, P) -> mean, logvar: (B, d) of q(z | x), written into the given arrays
  void posterior(float[] x, int batch, float[] mean, float[] logvar);

  // z: (B, d), x: (B, P) -> (B) -log p(x_b | z_b); the array may be reused by the next call
  double[] reconstructionLoss(float[] z, float[] x, int batch);
}
