package org.vae4j.eval;

import org.vae4j.nn.Rng;

/** Labelled points around random class centres: Gaussian clusters, for the classifiers' tests. */
final class Blobs {
  final float[] points; // (n, d)
  final int[] labels;   // (n), class c = i % classes, so that every class is there

  private Blobs(float[] points, int[] labels) {
    this.points = points;
    this.labels = labels;
  }

  // n points in d dimensions; centres ~ N(0, separation^2 I), points ~ N(centre, spread^2 I)
  static Blobs of(long seed, int n, int d, int classes, double separation, double spread) {
    Rng rng = new Rng(seed);
    float[] centres = new float[classes * d];
    rng.fillGaussian(centres, 0, centres.length);
    float[] points = new float[n * d];
    rng.fillGaussian(points, 0, points.length);
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % classes;
      for (int j = 0; j < d; j++) {
        points[i * d + j] = (float) (separation * centres[labels[i] * d + j] + spread * points[i * d + j]);
      }
    }
    return new Blobs(points, labels);
  }

  /** The same points with their labels in a random order: labels that carry no information. */
  int[] shuffledLabels(long seed) {
    int[] shuffled = labels.clone();
    new Rng(seed).shuffle(shuffled);
    return shuffled;
  }
}
