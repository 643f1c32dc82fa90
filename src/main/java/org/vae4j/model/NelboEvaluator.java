package org.vae4j.model;

import org.vae4j.data.ImageSet;
import org.vae4j.nn.Rng;

/**
 * The negative ELBO of a whole image set, one sampled z per image. Sampling matters: decoding the mean
 * instead would drop the noise the ELBO averages over and understate the loss.
 */
public final class NelboEvaluator {
  private final int batch;
  private final Rng rng;

  /** batch: how many images go through the model at once; rng: the source of eps. */
  public NelboEvaluator(int batch, Rng rng) {
    this.batch = batch;
    this.rng = rng;
  }

  public NelboEstimate evaluate(Vae vae, ImageSet images) {
    int n = images.count();
    int latent = vae.config().latent();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    float[] x = new float[batch * images.pixels()];
    float[] eps = new float[batch * latent];
    double recon = 0;
    double kl = 0;
    for (int from = 0; from < n; from += batch) {
      int b = Math.min(batch, n - from);
      images.toFloats(order, from, b, x);
      rng.fillGaussian(eps, 0, b * latent);
      vae.forward(x, eps, b);
      recon += vae.reconSum();
      kl += vae.klSum();
    }
    return new NelboEstimate((recon + kl) / n, recon / n, kl / n);
  }
}
