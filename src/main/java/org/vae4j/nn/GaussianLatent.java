package org.vae4j.nn;

/**
 * The diagonal Gaussian posterior q(z|x) = N(mu, exp(logvar)): the reparameterized sample
 * z = mu + exp(logvar / 2) eps, and the analytic KL(q || N(0, I)).
 */
public final class GaussianLatent {
  /**
   * Latent values per thread at least: each costs an exp (some 20 ns), so a training step's 2,560 are
   * worth sharing, but not a handful.
   */
  private static final int GRAIN = 256;

  private GaussianLatent() {}

  // z, std: (n) = mu + exp(logvar / 2) * eps, keeping std for backward; mu, logvar, eps: (n)
  public static void reparameterize(float[] z, float[] std, float[] mu, float[] logvar, float[] eps, int n) {
    reparameterize(z, std, mu, logvar, eps, 0, n);
  }

  // as above on parallel's threads; the same bits
  public static void reparameterize(float[] z, float[] std, float[] mu, float[] logvar, float[] eps, int n,
                                    Parallel parallel) {
    parallel.forRange(n, GRAIN, (from, to) -> reparameterize(z, std, mu, logvar, eps, from, to));
  }

  // as above for the elements [from, to)
  private static void reparameterize(float[] z, float[] std, float[] mu, float[] logvar, float[] eps, int from,
                                     int to) {
    for (int i = from; i < to; i++) {
      std[i] = (float) Math.exp(0.5 * logvar[i]);
      z[i] = mu[i] + std[i] * eps[i];
    }
  }

  // dmu, dlogvar: (n) += the gradient through z, for the elements [from, to); dz, std, eps: (n)
  private static void reparameterizeBackward(float[] dmu, float[] dlogvar, float[] dz, float[] std,
                                             float[] eps, int from, int to) {
    for (int i = from; i < to; i++) {
      dmu[i] += dz[i];
      dlogvar[i] += dz[i] * 0.5f * std[i] * eps[i];
    }
  }

  /**
   * mu, logvar: (B, d); perImage: (B). Writes each image's KL(q || N(0, I)) =
   * -1/2 sum_j (1 + logvar - mu^2 - exp(logvar)) into perImage and returns the sum over the batch.
   */
  public static double kl(double[] perImage, float[] mu, float[] logvar, int batch, int latent) {
    return kl(perImage, mu, logvar, batch, latent, Parallel.SERIAL);
  }

  /** As above, the images shared out on parallel's threads; the sum over the batch in the order of the images. */
  public static double kl(double[] perImage, float[] mu, float[] logvar, int batch, int latent, Parallel parallel) {
    parallel.forRange(batch, GRAIN / latent + 1, (from, to) -> {
      for (int b = from; b < to; b++) {
        double sum = 0;
        for (int i = b * latent; i < (b + 1) * latent; i++) {
          sum += 1.0 + logvar[i] - (double) mu[i] * mu[i] - Math.exp(logvar[i]);
        }
        perImage[b] = -0.5 * sum;
      }
    });
    double total = 0;
    for (int b = 0; b < batch; b++) {
      total += perImage[b];
    }
    return total;
  }

  // dmu, dlogvar: (n) += scale * d KL / d(mu, logvar), for the elements [from, to); mu, logvar: (n)
  private static void klBackward(float[] dmu, float[] dlogvar, float[] mu, float[] logvar, int from, int to,
                                 float scale) {
    for (int i = from; i < to; i++) {
      dmu[i] += scale * mu[i];
      dlogvar[i] += scale * 0.5f * ((float) Math.exp(logvar[i]) - 1f);
    }
  }

  // dmu, dlogvar: (n) += the gradient through z, then scale * d KL / d(mu, logvar); dz, std, eps, mu, logvar: (n).
  // On parallel's threads, by ranges of elements: the same bits whatever the split
  public static void backward(float[] dmu, float[] dlogvar, float[] dz, float[] std, float[] eps, float[] mu,
                              float[] logvar, int n, float scale, Parallel parallel) {
    parallel.forRange(n, GRAIN, (from, to) -> {
      reparameterizeBackward(dmu, dlogvar, dz, std, eps, from, to);
      klBackward(dmu, dlogvar, mu, logvar, from, to, scale);
    });
  }
}
