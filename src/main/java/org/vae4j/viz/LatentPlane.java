package org.vae4j.viz;

/**
 * The plane of the latent map: for d <= 2 the latent coordinates themselves, for d > 2 the plane of the
 * test means' first two principal components, through their mean. A point of the map moves a code within
 * the plane and keeps the rest of it (the part the sliders set), so map and sliders edit one code. Used by
 * vae4j serve's page and by the live map of an experiment's report.
 */
public final class LatentPlane {
  private final int d;
  private final double[] origin; // (d)
  private final double[][] axes; // (2, d) orthonormal; the second is zero when d = 1

  private LatentPlane(int d, double[] origin, double[][] axes) {
    this.d = d;
    this.origin = origin;
    this.axes = axes;
  }

  // means: (n, d) -> the plane of their principal components (or the coordinates, d <= 2)
  public static LatentPlane of(float[] means, int n, int d) {
    double[][] axes = new double[2][d];
    double[] origin = new double[d];
    if (d <= 2) {
      for (int a = 0; a < d; a++) {
        axes[a][a] = 1;
      }
      return new LatentPlane(d, origin, axes);
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        origin[j] += means[i * d + j] / (double) n;
      }
    }
    Pca pca = new Pca(means, n, d, 2);
    return new LatentPlane(d, origin, new double[][] {pca.axis(0), pca.axis(1)});
  }

  public boolean principal() {
    return d > 2;
  }

  public double[] origin() {
    return origin.clone();
  }

  public double[] axis(int a) {
    return axes[a].clone();
  }

  // z: (., d) row i -> (x, y), its coordinates in the plane
  public double[] project(float[] z, int i) {
    double[] xy = new double[2];
    for (int a = 0; a < 2; a++) {
      for (int j = 0; j < d; j++) {
        xy[a] += (z[i * d + j] - origin[j]) * axes[a][j];
      }
    }
    return xy;
  }

  /**
   * The ±1 sigma ellipse of q(z | x) = N(mean, diag(exp(logvar))) seen in the plane: the covariance
   * A diag(sigma^2) A^T (2 x 2) as its two radii and the angle (radians) of the first.
   */
  public double[] ellipse(float[] logvar) {
    double sxx = 0;
    double sxy = 0;
    double syy = 0;
    for (int j = 0; j < d; j++) {
      double v = Math.exp(logvar[j]);
      sxx += axes[0][j] * axes[0][j] * v;
      sxy += axes[0][j] * axes[1][j] * v;
      syy += axes[1][j] * axes[1][j] * v;
    }
    double mean = (sxx + syy) / 2;
    double spread = Math.hypot((sxx - syy) / 2, sxy);
    double angle = 0.5 * Math.atan2(2 * sxy, sxx - syy);
    return new double[] {Math.sqrt(mean + spread), Math.sqrt(Math.max(0, mean - spread)), angle};
  }
}
