package org.vae4j.model;

/**
 * The log importance weights log w = log p(x | z) + log p(z) - log q(z | x) of z drawn from q(z | x) by
 * the reparameterization, and their log-mean-exp: what the IWAE objective trains and the importance-weighted
 * log-likelihood estimates, written once for both.
 */
public final class ImportanceWeights {
  private ImportanceWeights() {}

  /**
   * z: (R, d) row r = mean_i + exp(logvar_i / 2) eps_r, with mean, logvar: (., d) row i and eps: (R, d);
   * returns log p(z_r) - log q(z_r | x_i), in which the normalizing constants (2 pi)^(-d/2) cancel.
   */
  public static double sample(float[] z, float[] eps, int r, float[] mean, float[] logvar, int i, int d) {
    double logRatio = 0;
    for (int j = 0; j < d; j++) {
      float lv = logvar[i * d + j];
      float e = eps[r * d + j];
      float zj = mean[i * d + j] + (float) Math.exp(0.5 * lv) * e;
      z[r * d + j] = zj;
      logRatio += -0.5 * ((double) zj * zj) + 0.5 * (lv + (double) e * e);
    }
    return logRatio;
  }

  /** As above, the same numbers, with std: (., d) = exp(logvar / 2) of row i computed once for its samples. */
  public static double sample(float[] z, float[] eps, int r, float[] mean, float[] logvar, float[] std, int i,
                              int d) {
    double logRatio = 0;
    for (int j = 0; j < d; j++) {
      float lv = logvar[i * d + j];
      float e = eps[r * d + j];
      float zj = mean[i * d + j] + std[i * d + j] * e;
      z[r * d + j] = zj;
      logRatio += -0.5 * ((double) zj * zj) + 0.5 * (lv + (double) e * e);
    }
    return logRatio;
  }

  // std: (n) = exp(logvar / 2) as the samples take it, rounded to float; logvar: (n)
  public static void std(float[] std, float[] logvar, int n) {
    for (int i = 0; i < n; i++) {
      std[i] = (float) Math.exp(0.5 * logvar[i]);
    }
  }

  /** log((1/n) sum exp(v_i)) over v[offset, offset + n), shifted by the maximum so nothing overflows. */
  public static double logMeanExp(double[] v, int offset, int n) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = offset; i < offset + n; i++) {
      max = Math.max(max, v[i]);
    }
    if (max == Double.NEGATIVE_INFINITY || Double.isNaN(max)) {
      return max;
    }
    double sum = 0;
    for (int i = offset; i < offset + n; i++) {
      sum += Math.exp(v[i] - max);
    }
    return max + Math.log(sum / n);
  }
}
