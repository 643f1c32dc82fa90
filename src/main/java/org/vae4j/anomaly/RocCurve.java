package org.vae4j.anomaly;

import java.util.Arrays;

/**
 * The ROC curve of a score that should be higher for anomalies: for every distinct score taken as the
 * threshold (flagging the images scoring at least it), the false positive rate (normal images flagged) and
 * the true positive rate (anomalies flagged), from (0, 0) to (1, 1). Tied scores make one diagonal step,
 * so the area under it equals {@link Auroc}.
 */
public record RocCurve(double[] falsePositiveRate, double[] truePositiveRate) {
  public static RocCurve of(double[] normal, double[] anomalous) {
    if (normal.length == 0 || anomalous.length == 0) {
      throw new IllegalArgumentException("a ROC curve needs normal and anomalous scores, got " + normal.length
          + " and " + anomalous.length);
    }
    double[] s0 = normal.clone();
    double[] s1 = anomalous.clone();
    Arrays.sort(s0);
    Arrays.sort(s1);
    int n0 = s0.length;
    int n1 = s1.length;
    double[] fpr = new double[n0 + n1 + 1];
    double[] tpr = new double[n0 + n1 + 1];
    int points = 1; // (0, 0): nothing flagged
    int i0 = n0;    // normal scores at or above the threshold: s0[i0..n0)
    int i1 = n1;
    while (i0 > 0 || i1 > 0) {
      double threshold = Math.max(i0 > 0 ? s0[i0 - 1] : Double.NEGATIVE_INFINITY,
          i1 > 0 ? s1[i1 - 1] : Double.NEGATIVE_INFINITY);
      while (i0 > 0 && s0[i0 - 1] == threshold) {
        i0--;
      }
      while (i1 > 0 && s1[i1 - 1] == threshold) {
        i1--;
      }
      fpr[points] = (double) (n0 - i0) / n0;
      tpr[points] = (double) (n1 - i1) / n1;
      points++;
    }
    return new RocCurve(Arrays.copyOf(fpr, points), Arrays.copyOf(tpr, points));
  }

  /** The area under the curve by the trapezoid rule: the AUROC, ties counted half. */
  public double area() {
    double area = 0;
    for (int i = 1; i < falsePositiveRate.length; i++) {
      area += (falsePositiveRate[i] - falsePositiveRate[i - 1]) * (truePositiveRate[i] + truePositiveRate[i - 1]) / 2;
    }
    return area;
  }
}
