package org.vae4j.anomaly;

import java.util.Arrays;

/**
 * The area under the ROC curve of a score that should be higher for anomalies, computed exactly: the
 * Mann-Whitney statistic P(anomaly's score > normal's score) + P(equal) / 2, from the ranks of all scores,
 * tied scores sharing their mean rank. 1 separates perfectly, 0.5 is chance, 0 is perfectly backwards.
 */
public final class Auroc {
  private Auroc() {}

  /** The AUROC of scores of normal and anomalous images; both must be non-empty and free of NaN. */
  public static double of(double[] normal, double[] anomalous) {
    int n0 = normal.length;
    int n1 = anomalous.length;
    if (n0 == 0 || n1 == 0) {
      throw new IllegalArgumentException("the AUROC needs normal and anomalous scores, got " + n0 + " and " + n1);
    }
    double[] all = new double[n0 + n1];
    System.arraycopy(normal, 0, all, 0, n0);
    System.arraycopy(anomalous, 0, all, n0, n1);
    Integer[] order = new Integer[all.length];
    for (int i = 0; i < order.length; i++) {
      if (Double.isNaN(all[i])) {
        throw new IllegalArgumentException("score " + i + " is NaN");
      }
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(all[a], all[b]));
    // The sum of the anomalies' ranks (1-based), each run of ties given its mean rank.
    double anomalyRanks = 0;
    for (int start = 0; start < order.length; ) {
      int end = start;
      while (end + 1 < order.length && all[order[end + 1]] == all[order[start]]) {
        end++;
      }
      double meanRank = (start + end) / 2.0 + 1;
      for (int i = start; i <= end; i++) {
        if (order[i] >= n0) {
          anomalyRanks += meanRank;
        }
      }
      start = end + 1;
    }
    double u = anomalyRanks - (double) n1 * (n1 + 1) / 2;
    return u / ((double) n0 * n1);
  }
}
