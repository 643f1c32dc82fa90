package org.vae4j.eval;

import org.vae4j.nn.Parallel;

/**
 * The first two moments of a set of points x_1 .. x_n in R^d: the mean mu = (1/n) sum x_i and the unbiased
 * sample covariance S = 1/(n-1) sum (x_i - mu)(x_i - mu)^T, as numpy.cov and the FID reference code compute
 * them. Computed in double in two passes (the mean, then the centred products), so a large common offset
 * costs no accuracy.
 *
 * @param mean (d)
 * @param covariance (d, d) row-major, symmetric
 * @param count n, the number of points
 */
public record GaussianMoments(double[] mean, double[] covariance, int count) {
  private static final int BLOCK = 32; // rows centred at a time; 4 of them update a covariance row at once

  public GaussianMoments {
    if ((long) mean.length * mean.length != covariance.length) {
      throw new IllegalArgumentException("a mean of " + mean.length + " dimensions needs a covariance of "
          + (long) mean.length * mean.length + " values, got " + covariance.length);
    }
  }

  /** The number of dimensions d. */
  public int dimension() {
    return mean.length;
  }

  // rows: (n, d) row-major, n >= 2
  public static GaussianMoments of(float[] rows, int n, int d) {
    return of(rows, n, d, Parallel.SERIAL);
  }

  // rows: (n, d) row-major, n >= 2; covariance rows are shared out over threads, same bits for any number
  public static GaussianMoments of(float[] rows, int n, int d, Parallel parallel) {
    Points.require(rows, n, d, 2);
    double[] mean = Points.columnMeans(rows, n, d);
    double[][] sum = new double[d][d]; // upper triangle of sum (x_i - mu)(x_i - mu)^T
    double[][] centred = new double[BLOCK][d];
    for (int start = 0; start < n; start += BLOCK) {
      int rowsInBlock = Math.min(BLOCK, n - start);
      for (int r = 0; r < rowsInBlock; r++) {
        for (int j = 0; j < d; j++) {
          centred[r][j] = rows[(start + r) * d + j] - mean[j];
        }
      }
      // covariance row a costs d - a: pairing row a with row d-1-a gives every task the same work
      parallel.forRange((d + 1) / 2, 16, (from, to) -> {
        for (int pair = from; pair < to; pair++) {
          addOuterProducts(sum[pair], centred, rowsInBlock, pair);
          if (d - 1 - pair != pair) {
            addOuterProducts(sum[d - 1 - pair], centred, rowsInBlock, d - 1 - pair);
          }
        }
      });
    }
    double[] covariance = new double[d * d];
    for (int a = 0; a < d; a++) {
      for (int b = a; b < d; b++) {
        covariance[a * d + b] = sum[a][b] / (n - 1);
        covariance[b * d + a] = covariance[a * d + b];
      }
    }
    return new GaussianMoments(mean, covariance, n);
  }

  // out: row a of the sum, from column a on, += sum over the block's rows r of c[r][a] * c[r][a..d); c: (rows, d)
  private static void addOuterProducts(double[] out, double[][] c, int rows, int a) {
    int d = out.length;
    int r = 0;
    // four rows per sweep: a quarter of the loads and stores of out. Rows as separate arrays indexed by the
    // loop counter: the addressing for which JDK 17's C2 vectorizes (see JavaGemm)
    for (; r + 4 <= rows; r += 4) {
      double[] x0 = c[r];
      double[] x1 = c[r + 1];
      double[] x2 = c[r + 2];
      double[] x3 = c[r + 3];
      double c0 = x0[a];
      double c1 = x1[a];
      double c2 = x2[a];
      double c3 = x3[a];
      for (int b = a; b < d; b++) {
        out[b] += c0 * x0[b] + c1 * x1[b] + c2 * x2[b] + c3 * x3[b];
      }
    }
    for (; r < rows; r++) {
      double[] x0 = c[r];
      double c0 = x0[a];
      for (int b = a; b < d; b++) {
        out[b] += c0 * x0[b];
      }
    }
  }
}
