package org.vae4j.eval;

import java.util.Arrays;
import org.vae4j.nn.Parallel;

/**
 * The k-nearest-neighbour classifier: a query takes the majority label of the k training points closest to
 * it in Euclidean distance. Exact: every query is compared with every training point, the squared
 * distances summed in double. Neighbours at equal distance rank by training index; a tie in the vote goes
 * to the tied class that holds the nearest of the k neighbours. Each query is computed alone, so the
 * predictions do not depend on the number of threads.
 */
public final class NearestNeighbours {
  /** The usual k for judging a latent space. */
  public static final int K = 5;

  private static final int BLOCK = 512; // training points compared at a time: (d, BLOCK) doubles stay in L2

  // (blocks * d) arrays of (BLOCK): coordinate j of training point b * BLOCK + t at [b * d + j][t]. Indexed by
  // the loop counter alone, the addressing for which JDK 17's C2 vectorizes (see JavaGemm)
  private final double[][] columns;
  private final int[] trainingLabels; // (n)
  private final int n;
  private final int d;
  private final int k;
  private final int classes;

  private NearestNeighbours(double[][] columns, int[] labels, int n, int d, int k, int classes) {
    this.columns = columns;
    this.trainingLabels = labels;
    this.n = n;
    this.d = d;
    this.k = k;
    this.classes = classes;
  }

  // points: (n, d) row-major, labels: (n) >= 0; k = 5
  public static NearestNeighbours fit(float[] points, int n, int d, int[] labels) {
    return fit(points, n, d, labels, K);
  }

  // points: (n, d) row-major, labels: (n) >= 0; uses min(k, n) neighbours
  public static NearestNeighbours fit(float[] points, int n, int d, int[] labels, int k) {
    Points.require(points, n, d, 1);
    int classes = Points.requireLabels(labels, n);
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
    int blocks = (n + BLOCK - 1) / BLOCK;
    double[][] columns = new double[blocks * d][BLOCK];
    for (int t = 0; t < n; t++) {
      for (int j = 0; j < d; j++) {
        columns[t / BLOCK * d + j][t % BLOCK] = points[t * d + j];
      }
    }
    return new NearestNeighbours(columns, labels.clone(), n, d, Math.min(k, n), classes);
  }

  // queries: (m, d) row-major -> (m) predicted labels
  public int[] predict(float[] queries, int m, Parallel parallel) {
    Points.require(queries, m, d, 0);
    int[] predicted = new int[m];
    parallel.forRange(m, 16, (from, to) -> predictRange(predicted, queries, from, to));
    return predicted;
  }

  // queries: (m, d) row-major, labels: (m) -> the share of queries predicted right
  public double accuracy(float[] queries, int m, int[] labels, Parallel parallel) {
    Points.requireLabels(labels, m);
    return Points.accuracy(predict(queries, m, parallel), labels);
  }

  // predicted: (m) written on [from, to); queries: (m, d)
  private void predictRange(int[] predicted, float[] queries, int from, int to) {
    int count = to - from;
    double[] nearest = new double[count * k]; // per query, the k smallest squared distances so far, ascending
    int[] nearestIndex = new int[count * k];
    Arrays.fill(nearest, Double.POSITIVE_INFINITY);
    double[] distance = new double[BLOCK];
    // training points outside, queries inside: a block of training points is read from cache by every query
    for (int start = 0; start < n; start += BLOCK) {
      for (int q = from; q < to; q++) {
        compare(nearest, nearestIndex, (q - from) * k, distance, queries, q, start);
      }
    }
    int[] votes = new int[classes];
    for (int q = from; q < to; q++) {
      predicted[q] = vote(votes, nearestIndex, (q - from) * k);
    }
  }

  // nearest, nearestIndex: (k) at off, updated with the block of training points from start; distance: (BLOCK).
  // A method of its own, called for every query and block, so that C2 compiles it early and whole: left
  // inside predictRange's loops, it ran as on-stack-replacement code, half as fast on the first call
  private void compare(double[] nearest, int[] nearestIndex, int off, double[] distance, float[] queries, int q,
      int start) {
    int size = Math.min(BLOCK, n - start);
    squaredDistances(distance, queries, q, start, size);
    double worst = nearest[off + k - 1];
    for (int t = 0; t < size; t++) {
      if (distance[t] < worst) { // strict: at an equal distance the earlier training point stays ahead
        insert(nearest, nearestIndex, off, distance[t], start + t);
        worst = nearest[off + k - 1];
      }
    }
  }

  // distance: (size) squared distances from query q to training points start .. start+size-1
  private void squaredDistances(double[] distance, float[] queries, int q, int start, int size) {
    Arrays.fill(distance, 0, size, 0.0);
    for (int j = 0; j < d; j++) { // dimension by dimension, so that the inner loop runs over points and vectorizes
      double x = queries[q * d + j];
      double[] column = columns[start / BLOCK * d + j];
      for (int t = 0; t < size; t++) {
        double diff = column[t] - x;
        distance[t] += diff * diff;
      }
    }
  }

  // nearest, nearestIndex: (k) at off, ascending; value goes after the entries <= it, the last one drops out
  private void insert(double[] nearest, int[] nearestIndex, int off, double value, int index) {
    int pos = off + k - 1;
    while (pos > off && nearest[pos - 1] > value) {
      nearest[pos] = nearest[pos - 1];
      nearestIndex[pos] = nearestIndex[pos - 1];
      pos--;
    }
    nearest[pos] = value;
    nearestIndex[pos] = index;
  }

  // votes: (classes) scratch; nearestIndex: (k) at off, nearest first -> the winning label
  private int vote(int[] votes, int[] nearestIndex, int off) {
    Arrays.fill(votes, 0);
    int most = 0;
    for (int r = 0; r < k; r++) {
      most = Math.max(most, ++votes[trainingLabels[nearestIndex[off + r]]]);
    }
    for (int r = 0; ; r++) { // the nearest neighbour whose class has the most votes
      int label = trainingLabels[nearestIndex[off + r]];
      if (votes[label] == most) {
        return label;
      }
    }
  }
}
