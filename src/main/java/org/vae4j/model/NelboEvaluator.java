package org.vae4j.model;

import org.vae4j.data.ImageSet;
import org.vae4j.nn.Rng;

/**
 * The negative ELBO of a whole image set, averaged over K sampled z per image (the KL part is analytic).
 * Sampling matters: decoding the mean instead would drop the noise the ELBO averages over and understate
 * the loss. More samples only lower the estimate's variance, not its expectation.
 */
public final class NelboEvaluator {
  private final int batch;
  private final Rng rng;
  private final int samples;

  /** One sample per image, as in training. */
  public NelboEvaluator(int batch, Rng rng) {
    this(batch, rng, 1);
  }

  /** batch: how many images go through the model at once; rng: the source of eps; samples: K. */
  public NelboEvaluator(int batch, Rng rng, int samples) {
    if (batch < 1 || samples < 1) {
      throw new IllegalArgumentException("batch and samples must be >= 1, got " + batch + " and " + samples);
    }
    this.batch = batch;
    this.rng = rng;
    this.samples = samples;
  }

  public NelboEstimate evaluate(Vae vae, ImageSet images) {
    int n = images.count();
    int latent = vae.config().latent();
    float[] x = new float[batch * images.pixels()];
    float[] eps = new float[batch * latent];
    double recon = 0;
    double kl = 0;
    for (int from = 0; from < n; from += batch) {
      int b = Math.min(batch, n - from);
      images.toFloats(from, b, x);
      for (int k = 0; k < samples; k++) {
        rng.fillGaussian(eps, 0, b * latent);
        vae.forward(x, eps, b);
        recon += vae.reconSum();
        kl += vae.klSum();
      }
    }
    double draws = (double) n * samples;
    return new NelboEstimate((recon + kl) / draws, recon / draws, kl / draws);
  }
}
