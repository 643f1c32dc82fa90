package org.vae4j.viz;

/**
 * Principal components of a small set of points (N, d) with d small (the latent means): the covariance
 * (d, d), then its leading eigenvectors by power iteration with deflation. Also the per-dimension variance,
 * which picks the two dimensions the manifold traverses.
 */
public final class Pca {
  private final int d;
  private final double[] mean;      // (d)
  private final double[][] cov;     // (d, d)
  private final double[][] axes;    // (k, d) unit eigenvectors, largest eigenvalue first
  private final double[] variances; // (k) their eigenvalues

  // x: (N, d) row-major; keeps the first k components
  public Pca(float[] x, int n, int d, int k) {
    if (n < 1 || d < 1 || k < 1 || k > d) {
      throw new IllegalArgumentException("need n, d >= 1 and 1 <= k <= d, got " + n + ", " + d + ", " + k);
    }
    this.d = d;
    mean = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        mean[j] += x[i * d + j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    cov = new double[d][d];
    double[] c = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        c[j] = x[i * d + j] - mean[j];
      }
      for (int a = 0; a < d; a++) {
        for (int b = 0; b <= a; b++) {
          cov[a][b] += c[a] * c[b];
        }
      }
    }
    for (int a = 0; a < d; a++) {
      for (int b = 0; b <= a; b++) {
        cov[a][b] /= n;
        cov[b][a] = cov[a][b];
      }
    }
    axes = new double[k][];
    variances = new double[k];
    double[][] m = new double[d][];
    for (int a = 0; a < d; a++) {
      m[a] = cov[a].clone();
    }
    for (int i = 0; i < k; i++) {
      axes[i] = leadingEigenvector(m, i);
      variances[i] = rayleigh(m, axes[i]);
      for (int a = 0; a < d; a++) { // deflate: m -= lambda v v^T
        for (int b = 0; b < d; b++) {
          m[a][b] -= variances[i] * axes[i][a] * axes[i][b];
        }
      }
    }
  }

  /** Power iteration from a fixed start; the sign is fixed so that the largest entry is positive. */
  private static double[] leadingEigenvector(double[][] m, int index) {
    int d = m.length;
    double[] v = new double[d];
    for (int j = 0; j < d; j++) {
      v[j] = 1.0 + 0.1 * ((j * 7 + index * 3) % 11); // not orthogonal to any eigenvector in practice
    }
    normalize(v);
    double[] w = new double[d];
    for (int iter = 0; iter < 10_000; iter++) {
      for (int a = 0; a < d; a++) {
        double s = 0;
        for (int b = 0; b < d; b++) {
          s += m[a][b] * v[b];
        }
        w[a] = s;
      }
      if (normalize(w) == 0) {
        break; // the rest of the spectrum is zero: any unit vector will do
      }
      double change = 0;
      for (int j = 0; j < d; j++) {
        change = Math.max(change, Math.abs(w[j] - v[j]));
        v[j] = w[j];
      }
      if (change < 1e-12) {
        break;
      }
    }
    int largest = 0;
    for (int j = 1; j < d; j++) {
      if (Math.abs(v[j]) > Math.abs(v[largest])) {
        largest = j;
      }
    }
    if (v[largest] < 0) {
      for (int j = 0; j < d; j++) {
        v[j] = -v[j];
      }
    }
    return v;
  }

  private static double normalize(double[] v) {
    double norm = 0;
    for (double x : v) {
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) {
      for (int j = 0; j < v.length; j++) {
        v[j] /= norm;
      }
    }
    return norm;
  }

  private static double rayleigh(double[][] m, double[] v) {
    double s = 0;
    for (int a = 0; a < v.length; a++) {
      for (int b = 0; b < v.length; b++) {
        s += v[a] * m[a][b] * v[b];
      }
    }
    return s;
  }

  /** The i-th principal axis (d), a unit vector. */
  public double[] axis(int i) {
    return axes[i].clone();
  }

  /** The variance along the i-th principal axis (its eigenvalue). */
  public double variance(int i) {
    return variances[i];
  }

  /** The share of the total variance along the i-th axis, in [0, 1]. */
  public double varianceShare(int i) {
    double total = 0;
    for (int j = 0; j < d; j++) {
      total += cov[j][j];
    }
    return total > 0 ? variances[i] / total : 0;
  }

  /** The variance of dimension j of the points. */
  public double dimensionVariance(int j) {
    return cov[j][j];
  }

  /** The dimensions with the largest variance, largest first. */
  public int[] largestVarianceDimensions(int count) {
    Integer[] order = new Integer[d];
    for (int j = 0; j < d; j++) {
      order[j] = j;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(cov[b][b], cov[a][a]));
    int[] top = new int[Math.min(count, d)];
    for (int i = 0; i < top.length; i++) {
      top[i] = order[i];
    }
    return top;
  }

  // x: (N, d) -> (N, k) coordinates along the kept axes, after centering
  public float[] project(float[] x, int n) {
    int k = axes.length;
    float[] out = new float[n * k];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < k; c++) {
        double s = 0;
        for (int j = 0; j < d; j++) {
          s += (x[i * d + j] - mean[j]) * axes[c][j];
        }
        out[i * k + c] = (float) s;
      }
    }
    return out;
  }
}
