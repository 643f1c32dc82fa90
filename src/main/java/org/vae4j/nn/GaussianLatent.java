package org.vae4j.nn;

/**
 * The diagonal Gaussian posterior q(z|x) = N(mu, exp(logvar)): the reparameterized sample
 * z = mu + exp(logvar / 2) eps, and the analytic KL(q || N(0, I)).
 */
public final class GaussianLatent {
  private GaussianLatent() {}

  // z, std: (n) = mu + exp(logvar / 2) * eps, keeping std for backward; mu, logvar, eps: (n)
  public static void reparameterize(float[] z, float[] std, float[] mu, float[] logvar, float[] eps, int n) {
    for (int i = 0; i < n; i++) {
      std[i] = (float) Math.exp(0.5 * logvar[i]);
      z[i] = mu[i] + std[i] * eps[i];
    }
  }

  // dmu, dlogvar: (n) += the gradient through z; dz, std, eps: (n)
  public static void reparameterizeBackward(float[] dmu, float[] dlogvar, float[] dz, float[] std,
                                            float[] eps, int n) {
    for (int i = 0; i < n; i++) {
      dmu[i] += dz[i];
      dlogvar[i] += dz[i] * 0.5f * std[i] * eps[i];
    }
  }

  /**
   * mu, logvar: (B, d); perImage: (B). Writes each image's KL(q || N(0, I)) =
   * -1/2 sum_j (1 + logvar - mu^2 - exp(logvar)) into perImage and returns the sum over the batch.
   */
  public static double kl(double[] perImage, float[] mu, float[] logvar, int batch, int latent) {
    double total = 0;
    for (int b = 0; b < batch; b++) {
      double sum = 0;
      for (int i = b * latent; i < (b + 1) * latent; i++) {
        sum += 1.0 + logvar[i] - (double) mu[i] * mu[i] - Math.exp(logvar[i]);
      }
      perImage[b] = -0.5 * sum;
      total += perImage[b];
    }
    return total;
  }

  // dmu, dlogvar: (n) += scale * d KL / d(mu, logvar); mu, logvar: (n)
  public static void klBackward(float[] dmu, float[] dlogvar, float[] mu, float[] logvar, int n, float scale) {
    for (int i = 0; i < n; i++) {
      dmu[i] += scale * mu[i];
      dlogvar[i] += scale * 0.5f * ((float) Math.exp(logvar[i]) - 1f);
    }
  }
}
