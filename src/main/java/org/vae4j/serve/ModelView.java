package org.vae4j.serve;

import java.util.Arrays;
import org.vae4j.model.ImportanceWeights;
import org.vae4j.model.Vae;
import org.vae4j.nn.Rng;

/**
 * One request's use of a model: a view of the parameters with its own workspace and single-threaded
 * engine ({@link Vae#sharing}), and the buffers of scoring one image with K samples. Results are copied
 * out, so they stay valid after the view goes back to its pool.
 */
final class ModelView {
  private final Vae vae;
  private final int p;
  private final int d;
  private final int samples;     // K
  private final float[] repeated; // (K, P) the image K times
  private final int[] labels;     // (K) its label K times; null for an unconditional model
  private final float[] eps;      // (K, d)
  private final float[] z;        // (K, d)
  private final double[] logWeights; // (K)
  private final double[] priorOverPosterior; // (K) log p(z_k) - log q(z_k | x)
  private final float[] mean;     // (d)
  private final float[] logvar;   // (d)

  ModelView(Vae vae, int samples) {
    this.vae = vae;
    this.p = vae.input();
    this.d = vae.latent();
    this.samples = samples;
    repeated = new float[samples * p];
    labels = vae.conditional() ? new int[samples] : null;
    eps = new float[samples * d];
    z = new float[samples * d];
    logWeights = new double[samples];
    priorOverPosterior = new double[samples];
    mean = new float[d];
    logvar = new float[d];
  }

  /** q(z | x) of one image: mean and logvar, (d) each, fresh arrays. */
  record Posterior(float[] mean, float[] logvar) {}

  /** -ELBO and the importance-weighted NLL of one image over the same K samples, in nats. */
  record Score(double nelbo, double nll) {}

  // x: (n, P) at xOffset; label per image or null -> means (n, d) written into out at outOffset
  void encodeMeans(float[] x, int[] labelsOfImages, int n, float[] out, int outOffset) {
    vae.encode(x, labelsOfImages, n);
    System.arraycopy(vae.mean(), 0, out, outOffset, n * d);
  }

  // x: (P), label (or -1 for an unconditional model) -> its posterior
  Posterior encode(float[] x, int label) {
    vae.encode(x, label < 0 ? null : new int[] {label}, 1);
    return new Posterior(Arrays.copyOf(vae.mean(), d), Arrays.copyOf(vae.logvar(), d));
  }

  // codes: (n, d), label (or -1) for all -> (n, P) the likelihood's means
  float[] decode(float[] codes, int n, int label) {
    int[] y = null;
    if (label >= 0) {
      y = new int[n];
      Arrays.fill(y, label);
    }
    return Arrays.copyOf(vae.decode(codes, y, n), n * p);
  }

  /**
   * x: (P), label (or -1) -> with z_k ~ q(z | x), log w_k = log p(x | z_k) + log p(z_k) - log q(z_k | x):
   * -ELBO = -mean_k log w_k, NLL = -log mean_k w_k.
   */
  Score score(float[] x, int label, Rng rng) {
    vae.posterior(x, label < 0 ? null : new int[] {label}, 1, mean, logvar);
    rng.fillGaussian(eps, 0, samples * d);
    for (int k = 0; k < samples; k++) {
      System.arraycopy(x, 0, repeated, k * p, p);
      priorOverPosterior[k] = ImportanceWeights.sample(z, eps, k, mean, logvar, 0, d);
    }
    if (labels != null) {
      Arrays.fill(labels, label);
    }
    double[] loss = vae.reconstructionLoss(z, repeated, labels, samples);
    double sum = 0;
    for (int k = 0; k < samples; k++) {
      logWeights[k] = -loss[k] + priorOverPosterior[k];
      sum += logWeights[k];
    }
    return new Score(-sum / samples, -ImportanceWeights.logMeanExp(logWeights, 0, samples));
  }
}
