package org.vae4j.eval;

import java.util.Arrays;

/**
 * The Fréchet distance between two Gaussians N(mu_a, S_a) and N(mu_b, S_b) (the squared 2-Wasserstein
 * distance, the "FID" of Heusel et al. 2017 when the moments are those of classifier features):
 *
 * <pre>  ||mu_a - mu_b||^2 + tr(S_a + S_b - 2 (S_a^{1/2} S_b S_a^{1/2})^{1/2})</pre>
 *
 * <p>With S_a = V diag(lambda) V^T, the matrix S_a^{1/2} S_b S_a^{1/2} has the same eigenvalues e_i as
 * diag(lambda)^{1/2} V^T S_b V diag(lambda)^{1/2}, so its trace term is sum sqrt(e_i): two symmetric
 * eigendecompositions and two matrix products, in double, with no square root of a non-symmetric matrix
 * (where the reference code's scipy.linalg.sqrtm can return complex values). Eigenvalues that round-off
 * makes slightly negative count as 0, which also makes singular covariances (fewer points than
 * dimensions, constant features) fine. Round-off can leave the result a little below 0 for equal inputs.
 */
public final class FrechetDistance {
  private FrechetDistance() {}

  // a, b: moments of the same dimension d
  public static double between(GaussianMoments a, GaussianMoments b) {
    int d = a.dimension();
    if (b.dimension() != d) {
      throw new IllegalArgumentException("moments of " + d + " and " + b.dimension() + " dimensions");
    }
    double meanTerm = 0;
    for (int j = 0; j < d; j++) {
      double diff = a.mean()[j] - b.mean()[j];
      meanTerm += diff * diff;
    }
    double[] sa = a.covariance();
    double[] sb = b.covariance();
    double traces = 0;
    for (int j = 0; j < d; j++) {
      traces += sa[j * d + j] + sb[j * d + j];
    }
    return meanTerm + traces - 2 * traceOfSquareRoot(sa, sb, d);
  }

  // sa, sb: (d, d) symmetric positive semi-definite -> tr (S_a^{1/2} S_b S_a^{1/2})^{1/2}
  private static double traceOfSquareRoot(double[] sa, double[] sb, int d) {
    SymmetricEigen eigenA = SymmetricEigen.of(sa, d);
    // rows of matrices as separate arrays, indexed by the loop counter: JDK 17's C2 vectorizes those loops
    double[][] v = new double[d][]; // row i = v_i, the eigenvector of lambda_i
    double[][] sbRows = new double[d][];
    for (int i = 0; i < d; i++) {
      v[i] = Arrays.copyOfRange(eigenA.vectors(), i * d, i * d + d);
      sbRows[i] = Arrays.copyOfRange(sb, i * d, i * d + d);
    }
    double[][] sbV = multiply(v, sbRows); // row i = v_i^T S_b = (S_b v_i)^T
    double[][] vColumns = new double[d][d]; // V: column i = v_i
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        vColumns[j][i] = v[i][j];
      }
    }
    double[][] inner = multiply(sbV, vColumns); // V^T S_b V: (i, j) = v_i^T S_b v_j
    double[] root = new double[d];
    for (int i = 0; i < d; i++) {
      root[i] = Math.sqrt(Math.max(0, eigenA.values()[i]));
    }
    double[] m = new double[d * d]; // diag(lambda)^{1/2} V^T S_b V diag(lambda)^{1/2}, symmetrized
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        m[i * d + j] = root[i] * root[j] * 0.5 * (inner[i][j] + inner[j][i]);
      }
    }
    double trace = 0;
    for (double e : SymmetricEigen.eigenvalues(m, d)) {
      trace += Math.sqrt(Math.max(0, e));
    }
    return trace;
  }

  // x: (d, d), y: (d, d) rows -> x y
  private static double[][] multiply(double[][] x, double[][] y) {
    int d = x.length;
    double[][] out = new double[d][d];
    for (int i = 0; i < d; i++) {
      double[] row = out[i];
      for (int k = 0; k < d; k++) {
        double xik = x[i][k];
        double[] yk = y[k];
        for (int j = 0; j < d; j++) {
          row[j] += xik * yk[j];
        }
      }
    }
    return out;
  }
}
