package org.vae4j.model;

import org.vae4j.data.ImageSet;
import org.vae4j.nn.Rng;

/**
 * An objective's value over a whole image set, in nats per image, averaged over K draws of eps per image.
 * With the plain {@link Elbo} this is the negative ELBO: sampling matters, since decoding the mean instead
 * would drop the noise the ELBO averages over and understate the loss. More draws only lower the
 * estimate's variance, not its expectation.
 */
public final class LossEvaluator {
  private final int batch;
  private final Rng rng;
  private final int draws;

  /** One draw per image, as in training. */
  public LossEvaluator(int batch, Rng rng) {
    this(batch, rng, 1);
  }

  /** batch: how many images go through the model at once; rng: the source of eps; draws: K. */
  public LossEvaluator(int batch, Rng rng, int draws) {
    if (batch < 1 || draws < 1) {
      throw new IllegalArgumentException("batch and draws must be >= 1, got " + batch + " and " + draws);
    }
    this.batch = batch;
    this.rng = rng;
    this.draws = draws;
  }

  /** The objective's mean loss, and the mean reconstruction and KL terms, in nats per image. */
  public record Estimate(double loss, double recon, double kl) {}

  /** The plain negative ELBO of vae on images. */
  public Estimate nelbo(Vae vae, ImageSet images) {
    return evaluate(new Elbo(vae), images);
  }

  /** The objective's value on images (its model taking their labels when it is conditional). */
  public Estimate evaluate(Objective objective, ImageSet images) {
    int n = images.count();
    Vae vae = objective.vae();
    int epsPerBatch = batch * objective.samples() * vae.latent();
    float[] x = new float[batch * images.pixels()];
    int[] labels = vae.conditional() ? new int[batch] : null;
    float[] eps = new float[epsPerBatch];
    double[] uniforms = new double[epsPerBatch + 1];
    double loss = 0;
    double recon = 0;
    double kl = 0;
    for (int from = 0; from < n; from += batch) {
      int b = Math.min(batch, n - from);
      images.toFloats(from, b, x);
      if (labels != null) {
        images.labels(from, b, labels);
      }
      for (int k = 0; k < draws; k++) {
        rng.fillGaussian(eps, 0, b * objective.samples() * vae.latent(), uniforms, vae.parallel());
        loss += objective.forward(x, labels, eps, b) * b;
        recon += objective.reconSum();
        kl += objective.klSum();
      }
    }
    double total = (double) n * draws;
    return new Estimate(loss / total, recon / total, kl / total);
  }
}
