package org.vae4j.eval;

import java.util.Arrays;

/**
 * The eigendecomposition A = V diag(lambda) V^T of a real symmetric matrix A (d, d): Householder reduction to
 * a tridiagonal matrix T = Q^T A Q, then implicit QL iterations with Wilkinson shifts on T (the method of
 * EISPACK's tred2 and tql2), in double. O(d^3); the eigenvalues alone cost about a third of the whole.
 *
 * @param values (d) the eigenvalues lambda, ascending
 * @param vectors (d, d) row-major; row i is the unit eigenvector of values[i] (column i of V), so the rows
 *     are orthonormal
 */
public record SymmetricEigen(double[] values, double[] vectors) {
  private static final int MAX_SWEEPS = 60; // QL sweeps per eigenvalue; 2 or 3 are typical

  // a: (d, d) row-major and symmetric; it is read, not changed
  public static SymmetricEigen of(double[] a, int d) {
    double[] diagonal = new double[d];
    double[] offDiagonal = new double[d];
    double[][] z = tridiagonalize(rows(a, d), diagonal, offDiagonal, true);
    diagonalize(diagonal, offDiagonal, z);
    int[] order = ascending(diagonal);
    double[] values = new double[d];
    double[] vectors = new double[d * d];
    for (int i = 0; i < d; i++) {
      values[i] = diagonal[order[i]];
      System.arraycopy(z[order[i]], 0, vectors, i * d, d);
    }
    return new SymmetricEigen(values, vectors);
  }

  // a: (d, d) row-major and symmetric -> (d) its eigenvalues, ascending
  public static double[] eigenvalues(double[] a, int d) {
    double[] diagonal = new double[d];
    double[] offDiagonal = new double[d];
    tridiagonalize(rows(a, d), diagonal, offDiagonal, false);
    diagonalize(diagonal, offDiagonal, null);
    Arrays.sort(diagonal);
    return diagonal;
  }

  // a: (d, d) row-major -> d rows. The kernels below index rows by the loop counter alone, the addressing
  // for which JDK 17's C2 vectorizes (see JavaGemm)
  private static double[][] rows(double[] a, int d) {
    if (d < 0 || a.length != (long) d * d) {
      throw new IllegalArgumentException("expected a (" + d + ", " + d + ") matrix, got " + a.length + " values");
    }
    double[][] m = new double[d][];
    for (int i = 0; i < d; i++) {
      m[i] = Arrays.copyOfRange(a, i * d, i * d + d);
    }
    return m;
  }

  /**
   * Householder reduction: for k = 0 .. d-3 the reflection H_k = I - beta v v^T (v zero up to k) zeroes
   * column k of the trailing block below the subdiagonal. Writes T's diagonal and its off-diagonal
   * (offDiagonal[i] = T[i][i+1], offDiagonal[d-1] = 0) and, if wanted, returns Q^T, whose rows are the
   * columns of Q = H_0 ... H_{d-3}; else null.
   */
  // m: (d, d) rows, overwritten; diagonal, offDiagonal: (d)
  private static double[][] tridiagonalize(double[][] m, double[] diagonal, double[] offDiagonal, boolean wantQ) {
    int d = m.length;
    double[][] reflectors = new double[d][]; // v of H_k, or null where H_k = I
    double[] betas = new double[d];
    double[] p = new double[d];
    for (int k = 0; k + 2 < d; k++) {
      int from = k + 1; // H_k acts on indices from .. d-1
      diagonal[k] = m[k][k];
      double scale = 0;
      for (int i = from; i < d; i++) {
        scale = Math.max(scale, Math.abs(m[i][k]));
      }
      if (scale == 0) { // the column is zero already
        offDiagonal[k] = 0;
        continue;
      }
      double[] v = new double[d];
      double norm2 = 0;
      for (int i = from; i < d; i++) {
        v[i] = m[i][k] / scale; // scaled, so that squaring cannot overflow or underflow
        norm2 += v[i] * v[i];
      }
      double x0 = v[from];
      double alpha = x0 >= 0 ? -Math.sqrt(norm2) : Math.sqrt(norm2); // opposite sign to x0: no cancellation
      v[from] = x0 - alpha;
      double beta = 1 / (norm2 - x0 * alpha); // 2 / (v^T v)
      reflectors[k] = v;
      betas[k] = beta;
      offDiagonal[k] = alpha * scale;
      // trailing block B -= v w^T + w v^T, with p = beta B v (a sum of rows, B being symmetric) and
      // w = p - (beta/2)(p^T v) v: then it is H_k B H_k
      Arrays.fill(p, 0);
      for (int i = from; i < d; i++) {
        double vi = beta * v[i];
        double[] row = m[i];
        for (int j = from; j < d; j++) {
          p[j] += vi * row[j];
        }
      }
      double pv = 0;
      for (int i = from; i < d; i++) {
        pv += p[i] * v[i];
      }
      double half = 0.5 * beta * pv;
      for (int i = from; i < d; i++) {
        p[i] -= half * v[i];
      }
      for (int i = from; i < d; i++) {
        double vi = v[i];
        double wi = p[i];
        double[] row = m[i];
        for (int j = from; j < d; j++) {
          row[j] -= vi * p[j] + wi * v[j];
        }
      }
    }
    if (d >= 2) {
      diagonal[d - 2] = m[d - 2][d - 2];
      offDiagonal[d - 2] = m[d - 1][d - 2];
    }
    if (d >= 1) {
      diagonal[d - 1] = m[d - 1][d - 1];
      offDiagonal[d - 1] = 0;
    }
    if (!wantQ) {
      return null;
    }
    // Q = H_0 (H_1 (... H_{d-3})), from the right end: when H_k comes, the product so far is the identity
    // outside the trailing block k+2.., so each step touches only rows and columns from k+1 on
    double[][] q = new double[d][d];
    for (int i = 0; i < d; i++) {
      q[i][i] = 1;
    }
    double[] w = p;
    for (int k = d - 3; k >= 0; k--) {
      double[] v = reflectors[k];
      if (v == null) {
        continue;
      }
      int from = k + 1;
      Arrays.fill(w, 0);
      for (int i = from; i < d; i++) { // w = v^T Q, a sum of rows
        double vi = v[i];
        double[] row = q[i];
        for (int j = from; j < d; j++) {
          w[j] += vi * row[j];
        }
      }
      for (int i = from; i < d; i++) { // Q -= beta v w^T
        double bvi = betas[k] * v[i];
        double[] row = q[i];
        for (int j = from; j < d; j++) {
          row[j] -= bvi * w[j];
        }
      }
    }
    return transpose(q);
  }

  /**
   * Implicit QL with Wilkinson shifts on the tridiagonal T: each sweep chases a bulge up from the bottom of
   * the unreduced block that starts at l with Givens rotations, until T[l][l+1] is negligible. Leaves the
   * eigenvalues in diagonal and, when z is not null, applies every rotation to the rows of z.
   */
  // diagonal, offDiagonal: (d), destroyed; z: (d, d) rows, or null
  private static void diagonalize(double[] diagonal, double[] offDiagonal, double[][] z) {
    int d = diagonal.length;
    // Negligible means small against the whole matrix (as in tql2), not against its neighbours: next to
    // eigenvalues that are 0 up to round-off (a rank-deficient covariance) nothing would count as small.
    double norm = 0;
    for (int i = 0; i < d; i++) {
      norm = Math.max(norm, Math.abs(diagonal[i]) + Math.abs(offDiagonal[i]));
    }
    double negligible = Math.ulp(1.0) * norm;
    for (int l = 0; l < d; l++) {
      for (int sweep = 0; ; sweep++) {
        int m = l;
        while (m < d - 1) { // the end of the unreduced block: the first negligible off-diagonal from l
          if (Math.abs(offDiagonal[m]) <= negligible) {
            break;
          }
          m++;
        }
        if (m == l) {
          break;
        }
        if (sweep == MAX_SWEEPS) {
          throw new IllegalStateException("eigenvalue " + l + " did not converge in " + MAX_SWEEPS + " QL sweeps");
        }
        // the shift: the eigenvalue of the leading 2x2 of the block that is closer to diagonal[l]
        double g = (diagonal[l + 1] - diagonal[l]) / (2 * offDiagonal[l]);
        double r = Math.hypot(g, 1);
        g = diagonal[m] - diagonal[l] + offDiagonal[l] / (g + Math.copySign(r, g));
        double s = 1;
        double c = 1;
        double p = 0;
        boolean split = false;
        for (int i = m - 1; i >= l; i--) {
          double f = s * offDiagonal[i];
          double b = c * offDiagonal[i];
          r = Math.hypot(f, g);
          offDiagonal[i + 1] = r;
          if (r == 0) { // the bulge underflowed: the block splits here, so start again from l
            diagonal[i + 1] -= p;
            offDiagonal[m] = 0;
            split = true;
            break;
          }
          s = f / r;
          c = g / r;
          g = diagonal[i + 1] - p;
          r = (diagonal[i] - g) * s + 2 * c * b;
          p = s * r;
          diagonal[i + 1] = g + p;
          g = c * r - b;
          if (z != null) {
            rotate(z[i], z[i + 1], s, c);
          }
        }
        if (!split) {
          diagonal[l] -= p;
          offDiagonal[l] = g;
          offDiagonal[m] = 0;
        }
      }
    }
  }

  // (x, y) <- (c x - s y, s x + c y), element by element
  private static void rotate(double[] x, double[] y, double s, double c) {
    for (int k = 0; k < x.length; k++) {
      double xk = x[k];
      double yk = y[k];
      x[k] = c * xk - s * yk;
      y[k] = s * xk + c * yk;
    }
  }

  private static double[][] transpose(double[][] a) {
    int d = a.length;
    double[][] t = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        t[j][i] = a[i][j];
      }
    }
    return t;
  }

  // values: (d) -> the indices that sort them ascending
  private static int[] ascending(double[] values) {
    return java.util.stream.IntStream.range(0, values.length).boxed()
        .sorted((i, j) -> Double.compare(values[i], values[j])).mapToInt(Integer::intValue).toArray();
  }
}
