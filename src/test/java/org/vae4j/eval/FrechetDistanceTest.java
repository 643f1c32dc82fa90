package org.vae4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;
import org.vae4j.nn.Rng;

/** The Fréchet distance against its closed forms, and on moments estimated from samples. */
class FrechetDistanceTest {
  @Test
  void isZeroBetweenASetAndItself() {
    int n = 300;
    int d = 40;
    float[] x = new float[n * d];
    new Rng(1).fillGaussian(x, 0, x.length);
    GaussianMoments m = GaussianMoments.of(x, n, d);
    assertThat(Math.abs(FrechetDistance.between(m, m))).isLessThan(1e-6 * trace(m));
  }

  @Test
  void isZeroForASingularCovarianceToo() {
    // 10 points in 30 dimensions: the covariance has rank 9, so round-off leaves negative eigenvalues
    int n = 10;
    int d = 30;
    float[] x = new float[n * d];
    new Rng(2).fillGaussian(x, 0, x.length);
    GaussianMoments m = GaussianMoments.of(x, n, d);
    double fd = FrechetDistance.between(m, m);
    assertThat(Double.isFinite(fd)).isTrue();
    assertThat(Math.abs(fd)).isLessThan(1e-6 * trace(m));
  }

  @Test
  void diagonalCovariancesGiveTheSumOfSquaredDifferencesOfStandardDeviations() {
    // FD = |mu_a - mu_b|^2 + sum_j (sqrt(s_a,j) - sqrt(s_b,j))^2
    double[] muA = {0, 1, -2, 3};
    double[] muB = {1, 1, 0, 2.5};
    double[] sA = {1, 4, 0.25, 9};
    double[] sB = {2, 1, 0.25, 0};
    double expected = 0;
    for (int j = 0; j < 4; j++) {
      expected += (muA[j] - muB[j]) * (muA[j] - muB[j]) + Math.pow(Math.sqrt(sA[j]) - Math.sqrt(sB[j]), 2);
    }
    double fd = FrechetDistance.between(moments(muA, diagonal(sA)), moments(muB, diagonal(sB)));
    assertThat(fd).isCloseTo(expected, offset(1e-12 * expected));
  }

  @Test
  void nonCommutingTwoByTwoCovariancesGiveTheClosedForm() {
    // for 2x2 PSD M: tr sqrt(M) = sqrt(tr M + 2 sqrt(det M)); with M = S_a^1/2 S_b S_a^1/2,
    // tr M = tr(S_a S_b) and det M = det S_a det S_b
    double[] sa = {2, 0.8, 0.8, 1};
    double[] sb = {0.5, -0.3, -0.3, 3};
    assertThat(sa[1] * (sb[0] - sb[3])).as("S_a S_b != S_b S_a").isNotEqualTo(sb[1] * (sa[0] - sa[3]));
    double[] muA = {1, 2};
    double[] muB = {-1, 0.5};
    double fd = FrechetDistance.between(moments(muA, sa), moments(muB, sb));
    assertThat(fd).isCloseTo(closedForm2x2(muA, sa, muB, sb), offset(1e-12));
  }

  @Test
  void commutingFullCovariancesGiveTheClosedForm() {
    assertThat(commutingCase(0)).isLessThan(1e-10);
    // S_a singular: its zero eigenvalues come out as round-off of 1e-16, whose square roots are 1e-8
    assertThat(commutingCase(5)).isLessThan(1e-7);
  }

  // S_a = Q^T diag(a) Q and S_b = Q^T diag(b) Q share eigenvectors: FD = |dmu|^2 + sum (sqrt a_i - sqrt b_i)^2.
  // Returns the relative error of FD, with `zeros` eigenvalues of S_a 0
  private static double commutingCase(int zeros) {
    int d = 50;
    Rng rng = new Rng(3);
    double[] q = SymmetricEigenTest.randomOrthogonal(rng, d);
    double[] a = new double[d];
    double[] b = new double[d];
    double[] muA = new double[d];
    double[] muB = new double[d];
    double expected = 0;
    for (int i = 0; i < d; i++) {
      a[i] = i < zeros ? 0 : 3 * rng.nextDouble();
      b[i] = 3 * rng.nextDouble();
      muA[i] = rng.nextDouble();
      muB[i] = rng.nextDouble();
      expected += Math.pow(muA[i] - muB[i], 2) + Math.pow(Math.sqrt(a[i]) - Math.sqrt(b[i]), 2);
    }
    double fd = FrechetDistance.between(moments(muA, SymmetricEigenTest.rotated(a, q, d)),
        moments(muB, SymmetricEigenTest.rotated(b, q, d)));
    return Math.abs(fd - expected) / expected;
  }

  @Test
  void momentsOfSamplesApproachTheTrueDistance() {
    // x = mu + L eps with L L^T = S (Cholesky): the sample moments of 40,000 points each
    double[] muA = {1, 2};
    double[] sa = {2, 0.8, 0.8, 1};
    double[] muB = {-1, 0.5};
    double[] sb = {0.5, -0.3, -0.3, 3};
    int n = 40_000;
    double fd = FrechetDistance.between(GaussianMoments.of(sample(muA, sa, n, 4), n, 2),
        GaussianMoments.of(sample(muB, sb, n, 5), n, 2));
    double expected = closedForm2x2(muA, sa, muB, sb); // 7.73
    assertThat(fd).isCloseTo(expected, offset(0.02 * expected));
  }

  @Test
  void isSymmetric() {
    int d = 30;
    Rng rng = new Rng(6);
    float[] x = new float[200 * d];
    float[] y = new float[150 * d];
    rng.fillGaussian(x, 0, x.length);
    rng.fillGaussian(y, 0, y.length);
    for (int i = 0; i < y.length; i++) {
      y[i] = y[i] * (1 + i % d / 10f) + 0.3f * x[i % x.length];
    }
    GaussianMoments a = GaussianMoments.of(x, 200, d);
    GaussianMoments b = GaussianMoments.of(y, 150, d);
    double ab = FrechetDistance.between(a, b);
    assertThat(ab).isGreaterThan(1);
    assertThat(FrechetDistance.between(b, a)).isCloseTo(ab, offset(1e-9 * ab));
  }

  @Test
  void refusesDifferentDimensions() {
    assertThatThrownBy(() -> FrechetDistance.between(moments(new double[2], new double[4]),
        moments(new double[3], new double[9]))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 and 3 dimensions");
  }

  private static double closedForm2x2(double[] muA, double[] sa, double[] muB, double[] sb) {
    double trAB = sa[0] * sb[0] + sa[1] * sb[2] + sa[2] * sb[1] + sa[3] * sb[3];
    double det = (sa[0] * sa[3] - sa[1] * sa[2]) * (sb[0] * sb[3] - sb[1] * sb[2]);
    double mean = Math.pow(muA[0] - muB[0], 2) + Math.pow(muA[1] - muB[1], 2);
    return mean + sa[0] + sa[3] + sb[0] + sb[3] - 2 * Math.sqrt(trAB + 2 * Math.sqrt(det));
  }

  // n points of N(mu, S) in 2-D, by the Cholesky factor of S
  private static float[] sample(double[] mu, double[] s, int n, long seed) {
    double l00 = Math.sqrt(s[0]);
    double l10 = s[2] / l00;
    double l11 = Math.sqrt(s[3] - l10 * l10);
    float[] eps = new float[2 * n];
    new Rng(seed).fillGaussian(eps, 0, eps.length);
    float[] x = new float[2 * n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = (float) (mu[0] + l00 * eps[2 * i]);
      x[2 * i + 1] = (float) (mu[1] + l10 * eps[2 * i] + l11 * eps[2 * i + 1]);
    }
    return x;
  }

  private static GaussianMoments moments(double[] mean, double[] covariance) {
    return new GaussianMoments(mean, covariance, 2);
  }

  private static double[] diagonal(double[] values) {
    int d = values.length;
    double[] m = new double[d * d];
    for (int j = 0; j < d; j++) {
      m[j * d + j] = values[j];
    }
    return m;
  }

  private static double trace(GaussianMoments m) {
    double t = 0;
    for (int j = 0; j < m.dimension(); j++) {
      t += m.covariance()[j * m.dimension() + j];
    }
    return t;
  }
}
