package org.vae4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;
import org.vae4j.nn.Rng;

/** A V = V diag(lambda) and V^T V = I on random, repeated-eigenvalue, known and degenerate matrices. */
class SymmetricEigenTest {
  @Test
  void decomposesRandomSymmetricMatrices() {
    Rng rng = new Rng(1);
    for (int d : new int[] {1, 2, 3, 7, 40, 130}) {
      double[] a = randomSymmetric(rng, d);
      SymmetricEigen eigen = SymmetricEigen.of(a, d);
      assertDecomposes(a, d, eigen);
      assertThat(eigen.values()).isSorted();
      assertThat(SymmetricEigen.eigenvalues(a, d)).containsExactly(eigen.values(), offset(1e-12 * norm(a)));
    }
  }

  @Test
  void repeatedEigenvaluesKeepOrthonormalVectors() {
    int d = 12;
    double[] lambda = {-3, -3, 0, 0, 0, 1e-9, 2, 2, 2, 2, 7, 7};
    double[] a = rotated(lambda, randomOrthogonal(new Rng(2), d), d);
    SymmetricEigen eigen = SymmetricEigen.of(a, d);
    assertDecomposes(a, d, eigen);
    assertThat(eigen.values()).containsExactly(lambda, offset(1e-12 * 7));
  }

  /**
   * The covariance of a few ReLU features: rank below its size, with whole rows and columns of zeros. The
   * zero eigenvalues are round-off sized, so convergence must be judged against the whole matrix (a
   * neighbour-relative test never converged here).
   */
  @Test
  void rankDeficientCovarianceOfReluFeatures() {
    int n = 60;
    int d = 200;
    Rng rng = new Rng(4);
    float[] features = new float[n * d];
    for (int i = 0; i < features.length; i++) {
      features[i] = i % d < 40 ? 0f : Math.max(0f, rng.uniform(1f) + (i % 7) * 0.1f);
    }
    double[] covariance = GaussianMoments.of(features, n, d).covariance();

    SymmetricEigen eigen = SymmetricEigen.of(covariance, d);

    assertDecomposes(covariance, d, eigen);
    long nonZero = java.util.Arrays.stream(eigen.values()).filter(v -> v > 1e-9).count();
    assertThat(nonZero).isEqualTo(n - 1);
  }

  @Test
  void zeroMatrixHasZeroEigenvaluesAndAnOrthonormalBasis() {
    int d = 5;
    double[] zero = new double[d * d];
    SymmetricEigen eigen = SymmetricEigen.of(zero, d);
    for (double value : eigen.values()) {
      assertThat(Math.abs(value)).isEqualTo(0.0);
    }
    assertOrthonormal(eigen.vectors(), d);
  }

  @Test
  void knownTwoByTwo() {
    SymmetricEigen eigen = SymmetricEigen.of(new double[] {2, 1, 1, 2}, 2);
    assertThat(eigen.values()).containsExactly(new double[] {1, 3}, offset(1e-15));
    double h = Math.sqrt(0.5);
    double[] v = eigen.vectors(); // rows (1, -1)/sqrt 2 and (1, 1)/sqrt 2, each up to its sign
    assertThat(Math.abs(v[0] * h - v[1] * h)).isCloseTo(1, offset(1e-15));
    assertThat(Math.abs(v[2] * h + v[3] * h)).isCloseTo(1, offset(1e-15));
  }

  @Test
  void secondDifferenceMatrixHasItsClosedFormEigenvalues() {
    // tridiag(-1, 2, -1) of size d: lambda_k = 2 - 2 cos(k pi / (d + 1)), k = 1 .. d
    int d = 60;
    double[] a = new double[d * d];
    for (int i = 0; i < d; i++) {
      a[i * d + i] = 2;
      if (i + 1 < d) {
        a[i * d + i + 1] = -1;
        a[(i + 1) * d + i] = -1;
      }
    }
    double[] values = SymmetricEigen.eigenvalues(a, d);
    for (int k = 1; k <= d; k++) {
      assertThat(values[k - 1]).isCloseTo(2 - 2 * Math.cos(k * Math.PI / (d + 1)), offset(1e-13));
    }
    assertDecomposes(a, d, SymmetricEigen.of(a, d));
  }

  @Test
  void diagonalMatrixGivesItsDiagonalSorted() {
    double[] a = {5, 0, 0, 0, -1, 0, 0, 0, 2};
    SymmetricEigen eigen = SymmetricEigen.of(a, 3);
    assertThat(eigen.values()).containsExactly(-1, 2, 5);
    assertDecomposes(a, 3, eigen);
  }

  // |A v_i - lambda_i v_i| and |V V^T - I| within 1e-9 of A's scale
  private static void assertDecomposes(double[] a, int d, SymmetricEigen eigen) {
    double scale = Math.max(norm(a), Double.MIN_NORMAL);
    double[] v = eigen.vectors();
    double worst = 0;
    for (int i = 0; i < d; i++) {
      for (int r = 0; r < d; r++) {
        double av = 0;
        for (int c = 0; c < d; c++) {
          av += a[r * d + c] * v[i * d + c];
        }
        worst = Math.max(worst, Math.abs(av - eigen.values()[i] * v[i * d + r]));
      }
    }
    assertThat(worst / scale).as("largest |A v - lambda v| relative to |A|, d = %d", d).isLessThan(1e-9);
    assertOrthonormal(v, d);
  }

  private static void assertOrthonormal(double[] v, int d) {
    double worst = 0;
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        double dot = 0;
        for (int c = 0; c < d; c++) {
          dot += v[i * d + c] * v[j * d + c];
        }
        worst = Math.max(worst, Math.abs(dot - (i == j ? 1 : 0)));
      }
    }
    assertThat(worst).as("largest |V^T V - I|, d = %d", d).isLessThan(1e-9);
  }

  private static double norm(double[] a) {
    double s = 0;
    for (double x : a) {
      s += x * x;
    }
    return Math.sqrt(s);
  }

  private static double[] randomSymmetric(Rng rng, int d) {
    double[] a = new double[d * d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j <= i; j++) {
        a[i * d + j] = 2 * rng.nextDouble() - 1;
        a[j * d + i] = a[i * d + j];
      }
    }
    return a;
  }

  // (d, d) rows orthonormal: Gram-Schmidt (twice, for accuracy) of random rows
  static double[] randomOrthogonal(Rng rng, int d) {
    double[] q = new double[d * d];
    for (int i = 0; i < d * d; i++) {
      q[i] = 2 * rng.nextDouble() - 1;
    }
    for (int i = 0; i < d; i++) {
      for (int pass = 0; pass < 2; pass++) {
        for (int j = 0; j < i; j++) {
          double dot = 0;
          for (int c = 0; c < d; c++) {
            dot += q[i * d + c] * q[j * d + c];
          }
          for (int c = 0; c < d; c++) {
            q[i * d + c] -= dot * q[j * d + c];
          }
        }
      }
      double norm = 0;
      for (int c = 0; c < d; c++) {
        norm += q[i * d + c] * q[i * d + c];
      }
      for (int c = 0; c < d; c++) {
        q[i * d + c] /= Math.sqrt(norm);
      }
    }
    return q;
  }

  // Q^T diag(lambda) Q, Q: (d, d) orthogonal -> a symmetric matrix with eigenvalues lambda
  static double[] rotated(double[] lambda, double[] q, int d) {
    double[] a = new double[d * d];
    for (int r = 0; r < d; r++) {
      for (int c = r; c < d; c++) {
        double s = 0;
        for (int k = 0; k < d; k++) {
          s += q[k * d + r] * lambda[k] * q[k * d + c];
        }
        a[r * d + c] = s;
        a[c * d + r] = s;
      }
    }
    return a;
  }
}
