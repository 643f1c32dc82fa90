package org.vae4j.nn;

import java.util.Objects;

/**
 * Cross-entropy of C-class logits against integer labels, fused with the softmax so that it is stable for
 * any logit: loss = logsumexp(l) - l[label], with the row's maximum subtracted before exp. Exp and the sums
 * are in double: C is small (10 digits), so this costs little next to the matrix products.
 */
public final class SoftmaxCrossEntropy {
  private SoftmaxCrossEntropy() {}

  // probs: (B, C) = softmax(logits); logits: (B, C)
  public static void softmax(float[] probs, float[] logits, int batch, int classes) {
    for (int b = 0; b < batch; b++) {
      softmaxRow(probs, logits, b * classes, classes);
    }
  }

  // perImage: (B) = -log softmax(logits)[label], probs: (B, C) = softmax(logits); logits: (B, C), labels: (B)
  public static void forward(double[] perImage, float[] probs, float[] logits, int[] labels, int batch,
                             int classes) {
    for (int b = 0; b < batch; b++) {
      int row = b * classes;
      int label = Objects.checkIndex(labels[b], classes);
      perImage[b] = softmaxRow(probs, logits, row, classes) - logits[row + label];
    }
  }

  // dlogits: (B, C) += scale * (probs - onehot(labels)); probs: (B, C), labels: (B)
  public static void backward(float[] dlogits, float[] probs, int[] labels, int batch, int classes, float scale) {
    for (int b = 0; b < batch; b++) {
      int row = b * classes;
      int label = Objects.checkIndex(labels[b], classes);
      for (int c = 0; c < classes; c++) {
        dlogits[row + c] += scale * (probs[row + c] - (c == label ? 1f : 0f));
      }
    }
  }

  /** Writes the softmax of one row of C logits into probs; returns the row's logsumexp. */
  private static double softmaxRow(float[] probs, float[] logits, int row, int classes) {
    double max = logits[row];
    for (int c = 1; c < classes; c++) {
      max = Math.max(max, logits[row + c]);
    }
    double sum = 0;
    for (int c = 0; c < classes; c++) {
      sum += Math.exp(logits[row + c] - max);
    }
    for (int c = 0; c < classes; c++) {
      probs[row + c] = (float) (Math.exp(logits[row + c] - max) / sum);
    }
    return max + Math.log(sum);
  }
}
