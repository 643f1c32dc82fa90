package org.vae4j.model;

import org.vae4j.nn.Rng;

/**
 * A model's encoder and decoder over any number of images or codes, run in chunks, with results in fresh
 * arrays: what figures, reports and other callers that keep their results use. Labels are needed only by
 * a conditional model (null otherwise).
 */
public final class Inference {
  private static final int CHUNK = 256;
  private final Vae vae;

  public Inference(Vae vae) {
    this.vae = vae;
  }

  /** q(z | x) of n images: mean and logvar, (n, d) each. */
  public record Posterior(float[] mean, float[] logvar) {}

  public Vae vae() {
    return vae;
  }

  // x: (n, P), labels: (n) or null -> the posterior of each image
  public Posterior encode(float[] x, int[] labels, int n) {
    int p = vae.input();
    int d = vae.latent();
    float[] mean = new float[n * d];
    float[] logvar = new float[n * d];
    float[] chunk = new float[CHUNK * p];
    int[] y = labels == null ? null : new int[CHUNK];
    for (int from = 0; from < n; from += CHUNK) {
      int b = Math.min(CHUNK, n - from);
      System.arraycopy(x, from * p, chunk, 0, b * p);
      if (y != null) {
        System.arraycopy(labels, from, y, 0, b);
      }
      vae.encode(chunk, y, b);
      System.arraycopy(vae.mean(), 0, mean, from * d, b * d);
      System.arraycopy(vae.logvar(), 0, logvar, from * d, b * d);
    }
    return new Posterior(mean, logvar);
  }

  // z: (n, d), labels: (n) or null -> (n, P) the likelihood's means, the images the model shows
  public float[] decode(float[] z, int[] labels, int n) {
    int p = vae.input();
    int d = vae.latent();
    float[] out = new float[n * p];
    float[] chunk = new float[CHUNK * d];
    int[] y = labels == null ? null : new int[CHUNK];
    for (int from = 0; from < n; from += CHUNK) {
      int b = Math.min(CHUNK, n - from);
      System.arraycopy(z, from * d, chunk, 0, b * d);
      if (y != null) {
        System.arraycopy(labels, from, y, 0, b);
      }
      System.arraycopy(vae.decode(chunk, y, b), 0, out, from * p, b * p);
    }
    return out;
  }

  // z: (n, d) = mean + exp(logvar / 2) eps, one draw from each row's posterior
  public float[] sample(Posterior q, int n, Rng rng) {
    float[] z = new float[n * vae.latent()];
    rng.fillGaussian(z, 0, z.length);
    for (int i = 0; i < z.length; i++) {
      z[i] = q.mean()[i] + (float) Math.exp(q.logvar()[i] / 2) * z[i];
    }
    return z;
  }

  // z: (n, d) from the prior N(0, I)
  public float[] prior(int n, Rng rng) {
    float[] z = new float[n * vae.latent()];
    rng.fillGaussian(z, 0, z.length);
    return z;
  }
}
