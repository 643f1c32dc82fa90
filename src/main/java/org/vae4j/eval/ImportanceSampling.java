package org.vae4j.eval;

import java.util.ArrayList;
import java.util.List;
import org.vae4j.data.ImageSet;
import org.vae4j.model.ImportanceWeights;
import org.vae4j.model.LatentGaussianModel;
import org.vae4j.nn.GaussianLatent;
import org.vae4j.nn.Parallel;
import org.vae4j.nn.Rng;

/**
 * The importance-weighted estimate of log p(x) (Burda et al., 2016): with z_1..z_K drawn from q(z | x),
 * log (1/K) sum_k w_k, w_k = p(x | z_k) p(z_k) / q(z_k | x). It is a lower bound on log p(x) in
 * expectation that tightens as K grows; K = 1 is the ELBO.
 *
 * <p>The K samples of an image go through the decoder as one large batch (several images' samples when K
 * is small), so the work is matrix products of the same shapes as training. From the same K log-weights
 * it also reports the bound for every smaller K in 1, 10, 100, ... that divides K, averaged over the K / k
 * disjoint blocks of k samples: the curve shows whether the estimate has settled. {@link #estimateEach}
 * gives each image's own estimate instead, for anomaly scores.
 */
public final class ImportanceSampling {
  /** Default decoder rows per pass: large enough for efficient matrix products, small enough for cache. */
  public static final int ROWS_PER_PASS = 1000;

  private final int samples;
  private final int rowsPerPass;
  private final Rng rng;
  private final Parallel parallel;

  /** The bound with k samples, in nats per image (log-likelihood, so higher is better). */
  public record Bound(int samples, double logLikelihood) {}

  /**
   * The estimate over a set of images, in nats per image: log p(x) with all K samples, the ELBO (the mean
   * log-weight), the bounds for smaller k, and the seconds it took.
   */
  public record Estimate(int samples, double logLikelihood, double elbo, List<Bound> bounds, double seconds) {
    /** The negative log-likelihood, as the literature quotes it. */
    public double nll() {
      return -logLikelihood;
    }
  }

  /** Fills out with the images [from, from + n), (n, P). */
  @FunctionalInterface
  public interface Images {
    void toFloats(int from, int n, float[] out);
  }

  /** Fills out with the labels of the images [from, from + n), (n). */
  @FunctionalInterface
  public interface Labels {
    void labels(int from, int n, int[] out);
  }

  public ImportanceSampling(int samples, Rng rng) {
    this(samples, ROWS_PER_PASS, rng);
  }

  /** As above, drawing the samples' noise on parallel's threads (the same numbers). */
  public ImportanceSampling(int samples, Rng rng, Parallel parallel) {
    this(samples, ROWS_PER_PASS, rng, parallel);
  }

  public ImportanceSampling(int samples, int rowsPerPass, Rng rng) {
    this(samples, rowsPerPass, rng, Parallel.SERIAL);
  }

  public ImportanceSampling(int samples, int rowsPerPass, Rng rng, Parallel parallel) {
    if (samples < 1 || rowsPerPass < 1) {
      throw new IllegalArgumentException("samples and rowsPerPass must be >= 1, got " + samples + ", "
          + rowsPerPass);
    }
    this.samples = samples;
    this.rowsPerPass = rowsPerPass;
    this.rng = rng;
    this.parallel = parallel;
  }

  /** The estimate of log p(x) of images, or of log p(x | y) given their labels for a conditional model. */
  public Estimate estimate(LatentGaussianModel model, ImageSet images) {
    return estimate(model, images::toFloats, images.hasLabels() ? images::labels : null, images.count());
  }

  /** As above, of unlabelled images. */
  public Estimate estimate(LatentGaussianModel model, Images images, int count) {
    return estimate(model, images, null, count);
  }

  /** As above; labels may be null (for a model that takes none). */
  public Estimate estimate(LatentGaussianModel model, Images images, Labels labels, int count) {
    long start = System.nanoTime();
    List<Integer> ks = blockSizes(samples);
    double[] boundSums = new double[ks.size()];
    double[] elboSum = new double[1];
    run(model, images, labels, count, (image, logWeights, offset, reconstruction, kl) -> {
      elboSum[0] += mean(logWeights, offset, samples);
      for (int j = 0; j < ks.size(); j++) {
        boundSums[j] += blockAverage(logWeights, offset, samples, ks.get(j));
      }
    });
    List<Bound> bounds = new ArrayList<>();
    for (int j = 0; j < ks.size(); j++) {
      bounds.add(new Bound(ks.get(j), boundSums[j] / count));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Estimate(samples, boundSums[ks.size() - 1] / count, elboSum[0] / count, bounds, seconds);
  }

  /**
   * One image's numbers from its K samples, in nats: the importance-weighted log p(x), the reconstruction
   * loss -log p(x | z_k) averaged over the samples, and the analytic KL(q(z | x) || N(0, I)).
   */
  public record ImageEstimate(double logLikelihood, double reconstruction, double kl) {
    /** The negative ELBO: the mean reconstruction loss plus the analytic KL. */
    public double nelbo() {
      return reconstruction + kl;
    }

    public double nll() {
      return -logLikelihood;
    }
  }

  /** Receives each image's estimate, in image order. */
  @FunctionalInterface
  public interface EachImage {
    void accept(int image, ImageEstimate estimate);
  }

  /** The estimate of every image on its own (what anomaly scores need), from the same K samples as {@link #estimate}. */
  public void estimateEach(LatentGaussianModel model, Images images, Labels labels, int count, EachImage out) {
    run(model, images, labels, count, (image, logWeights, offset, reconstruction, kl) -> out.accept(image,
        new ImageEstimate(ImportanceWeights.logMeanExp(logWeights, offset, samples),
            mean(reconstruction, offset, samples), kl)));
  }

  /** What the sampling loop hands on for each image: its K log-weights and reconstruction losses at offset. */
  private interface Sink {
    void image(int image, double[] logWeights, int offset, double[] reconstruction, double kl);
  }

  private void run(LatentGaussianModel model, Images images, Labels labels, int count, Sink sink) {
    int p = model.input();
    int d = model.latent();
    int group = Math.max(1, rowsPerPass / samples); // images per pass
    int perPass = Math.min(samples, rowsPerPass / group); // samples of each image per pass
    int rows = group * perPass;
    float[] mean = new float[group * d];
    float[] logvar = new float[group * d];
    float[] std = new float[group * d];
    float[] x = new float[group * p];
    float[] xRepeated = null; // for a model that cannot read the rows of x repeated
    double[] uniforms = new double[rows * d + 1];
    int[] y = labels == null ? null : new int[group];
    int[] yRepeated = labels == null ? null : new int[rows];
    float[] eps = new float[rows * d];
    float[] z = new float[rows * d];
    double[] priorOverPosterior = new double[rows];
    double[] logWeights = new double[group * samples];
    double[] reconstruction = new double[group * samples];
    double[] kl = new double[group];

    for (int from = 0; from < count; from += group) {
      int g = Math.min(group, count - from);
      images.toFloats(from, g, x);
      if (labels != null) {
        labels.labels(from, g, y);
      }
      model.posterior(x, y, g, mean, logvar);
      GaussianLatent.kl(kl, mean, logvar, g, d);
      ImportanceWeights.std(std, logvar, g * d);
      for (int s0 = 0; s0 < samples; s0 += perPass) {
        int s = Math.min(perPass, samples - s0);
        rng.fillGaussian(eps, 0, g * s * d, uniforms, parallel);
        for (int i = 0; i < g; i++) {
          for (int k = 0; k < s; k++) {
            int r = i * s + k;
            if (y != null) {
              yRepeated[r] = y[i];
            }
            priorOverPosterior[r] = ImportanceWeights.sample(z, eps, r, mean, logvar, std, i, d);
          }
        }
        double[] loss = model.reconstructionLoss(z, x, s, yRepeated, g * s);
        if (loss == null) {
          xRepeated = xRepeated != null ? xRepeated : new float[rows * p];
          for (int r = 0; r < g * s; r++) {
            System.arraycopy(x, r / s * p, xRepeated, r * p, p);
          }
          loss = model.reconstructionLoss(z, xRepeated, yRepeated, g * s);
        }
        for (int i = 0; i < g; i++) {
          for (int k = 0; k < s; k++) {
            int r = i * s + k;
            reconstruction[i * samples + s0 + k] = loss[r];
            logWeights[i * samples + s0 + k] = -loss[r] + priorOverPosterior[r];
          }
        }
      }
      for (int i = 0; i < g; i++) {
        sink.image(from + i, logWeights, i * samples, reconstruction, kl[i]);
      }
    }
  }

  /** 1, 10, 100, ... up to samples, those that divide it, and samples itself (last). */
  static List<Integer> blockSizes(int samples) {
    List<Integer> ks = new ArrayList<>();
    for (long k = 1; k < samples; k *= 10) {
      if (samples % k == 0) {
        ks.add((int) k);
      }
    }
    ks.add(samples);
    return ks;
  }

  /** The mean over the n / k disjoint blocks of k log-weights of each block's log-mean-exp. */
  static double blockAverage(double[] logWeights, int offset, int n, int k) {
    double sum = 0;
    for (int b = offset; b < offset + n; b += k) {
      sum += ImportanceWeights.logMeanExp(logWeights, b, k);
    }
    return sum / (n / k);
  }

  private static double mean(double[] v, int offset, int n) {
    double sum = 0;
    for (int i = offset; i < offset + n; i++) {
      sum += v[i];
    }
    return sum / n;
  }
}
