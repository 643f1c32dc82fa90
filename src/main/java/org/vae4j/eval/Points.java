package org.vae4j.eval;

/** The checks every metric makes of its inputs: points (n, d) row-major and finite, labels (n) >= 0. */
final class Points {
  private Points() {}

  // points: (n, d); a NaN would silently count as far away or inactive, so it is refused here
  static void require(float[] points, int n, int d, int minimumN) {
    if (n < minimumN || d < 1) {
      throw new IllegalArgumentException("need n >= " + minimumN + " points of d >= 1 dimensions, got n = " + n
          + ", d = " + d);
    }
    if (points.length != (long) n * d) {
      throw new IllegalArgumentException("expected n * d = " + (long) n * d + " values, got " + points.length);
    }
    for (int i = 0; i < points.length; i++) {
      if (!Float.isFinite(points[i])) {
        throw new IllegalArgumentException("point " + i / d + " has a non-finite value in dimension " + i % d
            + ": " + points[i]);
      }
    }
  }

  // labels: (n); returns the number of classes, max label + 1
  static int requireLabels(int[] labels, int n) {
    if (labels.length != n) {
      throw new IllegalArgumentException("expected " + n + " labels, got " + labels.length);
    }
    int max = -1;
    for (int i = 0; i < n; i++) {
      if (labels[i] < 0) {
        throw new IllegalArgumentException("label " + i + " is negative: " + labels[i]);
      }
      max = Math.max(max, labels[i]);
    }
    return max + 1;
  }

  // predicted, labels: (n), n >= 1 -> the share of equal entries
  static double accuracy(int[] predicted, int[] labels) {
    if (labels.length == 0) {
      throw new IllegalArgumentException("no labelled points to measure the accuracy on");
    }
    int correct = 0;
    for (int i = 0; i < labels.length; i++) {
      if (predicted[i] == labels[i]) {
        correct++;
      }
    }
    return (double) correct / labels.length;
  }

  // points: (n, d) -> (d) the mean of each dimension
  static double[] columnMeans(float[] points, int n, int d) {
    double[] mean = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        mean[j] += points[i * d + j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    return mean;
  }

  // points: (n, d), mean: (d) their column means -> (d) the variance of each dimension (divided by n)
  static double[] columnVariances(float[] points, int n, int d, double[] mean) {
    double[] variances = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double c = points[i * d + j] - mean[j];
        variances[j] += c * c;
      }
    }
    for (int j = 0; j < d; j++) {
      variances[j] /= n;
    }
    return variances;
  }
}
