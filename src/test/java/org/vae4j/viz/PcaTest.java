package org.vae4j.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;
import org.vae4j.nn.Rng;

/** PCA of points built from known orthonormal axes with known spreads. */
class PcaTest {
  @Test
  void findsKnownAxesAndProjectsOntoThem() {
    // u, v: orthonormal in 3-D; points = centre + a u + b v on an ellipse, so that a and b have exactly
    // mean 0, variances 9 and 1 and no correlation
    double[] u = {2 / 3.0, 2 / 3.0, 1 / 3.0};
    double[] v = {-2 / 3.0, 1 / 3.0, 2 / 3.0};
    double[] centre = {1, -2, 0.5};
    int n = 400;
    float[] x = new float[n * 3];
    double[] a = new double[n];
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      double t = 2 * Math.PI * i / n;
      a[i] = 3 * Math.sqrt(2) * Math.cos(t);
      b[i] = Math.sqrt(2) * Math.sin(t);
      for (int j = 0; j < 3; j++) {
        x[i * 3 + j] = (float) (centre[j] + a[i] * u[j] + b[i] * v[j]);
      }
    }
    Pca pca = new Pca(x, n, 3, 2);
    double[] pc1 = pca.axis(0);
    double[] pc2 = pca.axis(1);
    double sign1 = Math.signum(dot(pc1, u));
    double sign2 = Math.signum(dot(pc2, v));
    for (int j = 0; j < 3; j++) {
      assertThat(pc1[j]).isCloseTo(sign1 * u[j], offset(1e-5));
      assertThat(pc2[j]).isCloseTo(sign2 * v[j], offset(1e-5));
    }
    assertThat(pca.variance(0)).isCloseTo(9, offset(1e-4));
    assertThat(pca.variance(1)).isCloseTo(1, offset(1e-4));
    assertThat(pca.varianceShare(0) + pca.varianceShare(1)).isCloseTo(1, offset(1e-4));

    float[] projected = pca.project(x, n);
    for (int i = 0; i < n; i += 7) {
      assertThat((double) projected[2 * i]).isCloseTo(sign1 * a[i], offset(1e-4));
      assertThat((double) projected[2 * i + 1]).isCloseTo(sign2 * b[i], offset(1e-4));
    }
  }

  @Test
  void exactSmallExample() {
    // (1,1), (-1,-1), (1,-1)/10, (-1,1)/10: the main axis is the diagonal (1,1)/sqrt(2)
    float[] x = {1, 1, -1, -1, 0.1f, -0.1f, -0.1f, 0.1f};
    Pca pca = new Pca(x, 4, 2, 2);
    double s = Math.sqrt(0.5);
    assertThat(pca.axis(0)).containsExactly(new double[] {s, s}, offset(1e-9));
    assertThat(pca.variance(0)).isCloseTo(1.0, offset(1e-6)); // cov = [[0.505, 0.495], [0.495, 0.505]]
    assertThat(pca.variance(1)).isCloseTo(0.01, offset(1e-6));
    float[] p = pca.project(x, 4);
    assertThat((double) p[0]).isCloseTo(Math.sqrt(2), offset(1e-6));
    assertThat((double) p[2]).isCloseTo(-Math.sqrt(2), offset(1e-6));
    assertThat(Math.abs(p[5])).isCloseTo((float) (0.1 * Math.sqrt(2)), offset(1e-6f));
  }

  @Test
  void picksTheDimensionsOfLargestVariance() {
    // d = 4 with variances 1, 16, 0.25, 4 (independent columns)
    int n = 5000;
    float[] x = new float[n * 4];
    Rng rng = new Rng(3);
    float[] g = new float[4];
    double[] sd = {1, 4, 0.5, 2};
    for (int i = 0; i < n; i++) {
      rng.fillGaussian(g, 0, 4);
      for (int j = 0; j < 4; j++) {
        x[i * 4 + j] = (float) (sd[j] * g[j]);
      }
    }
    assertThat(new Pca(x, n, 4, 1).largestVarianceDimensions(2)).containsExactly(1, 3);
  }

  private static double dot(double[] p, double[] q) {
    double s = 0;
    for (int i = 0; i < p.length; i++) {
      s += p[i] * q[i];
    }
    return s;
  }
}
