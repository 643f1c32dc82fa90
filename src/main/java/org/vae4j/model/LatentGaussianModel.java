package org.vae4j.model;

/**
 * A latent-variable model p(x, z) = p(x | z) N(z; 0, I) with a diagonal Gaussian approximate posterior
 * q(z | x) = N(mean(x), exp(logvar(x))): what estimators of log p(x) by importance sampling need. A
 * conditional model conditions both on each image's label; others ignore labels, which may be null.
 */
public interface LatentGaussianModel {
  /** d, the latent dimensions. */
  int latent();

  /** P, the values of one x. */
  int input();

  // x: (B, P), labels: (B) or null -> mean, logvar: (B, d) of q(z | x), written into the given arrays
  void posterior(float[] x, int[] labels, int batch, float[] mean, float[] logvar);

  // z: (B, d), x: (B, P), labels: (B) or null -> (B) -log p(x_b | z_b); the array may be reused by the next call
  double[] reconstructionLoss(float[] z, float[] x, int[] labels, int batch);

  /**
   * As reconstructionLoss, with each row of x: (B / repeats, P) standing for repeats consecutive rows of
   * z: (B, d) and labels: (B), as the importance samples of one image do, without copying it. Returns null,
   * having done nothing, for a model that cannot; the caller then repeats the rows itself.
   */
  default double[] reconstructionLoss(float[] z, float[] x, int repeats, int[] labels, int batch) {
    return null;
  }
}
