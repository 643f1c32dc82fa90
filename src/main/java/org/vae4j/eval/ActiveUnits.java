package org.vae4j.eval;

/**
 * Active units of a latent space (Burda, Grosse and Salakhutdinov 2016, "Importance Weighted
 * Autoencoders"): dimension j is active when A_j = Var_x(E_{q(z|x)}[z_j]), the variance over the data points
 * of the posterior mean, exceeds a threshold. A dead dimension has a posterior mean that ignores x (its
 * posterior is the prior). The variance divides by n, as the authors' numpy.var does; it is computed in
 * double in two passes.
 *
 * @param count the number of active dimensions, those with variances[j] > threshold
 * @param variances (d) A_j for each dimension
 * @param threshold the threshold the count used
 */
public record ActiveUnits(int count, double[] variances, double threshold) {
  /** The paper's threshold: A_j > 0.01. */
  public static final double THRESHOLD = 0.01;

  // means: (n, d) posterior means E_q[z|x_i], row-major
  public static ActiveUnits of(float[] means, int n, int d) {
    return of(means, n, d, THRESHOLD);
  }

  // means: (n, d) posterior means E_q[z|x_i], row-major
  public static ActiveUnits of(float[] means, int n, int d, double threshold) {
    Points.require(means, n, d, 1);
    if (!(threshold >= 0)) {
      throw new IllegalArgumentException("the threshold must be >= 0, got " + threshold);
    }
    double[] variances = Points.columnVariances(means, n, d, Points.columnMeans(means, n, d));
    int count = 0;
    for (int j = 0; j < d; j++) {
      if (variances[j] > threshold) {
        count++;
      }
    }
    return new ActiveUnits(count, variances, threshold);
  }

  /** Whether dimension j is active. */
  public boolean isActive(int j) {
    return variances[j] > threshold;
  }
}
