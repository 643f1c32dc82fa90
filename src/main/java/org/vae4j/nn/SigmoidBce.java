package org.vae4j.nn;

/**
 * Binary cross-entropy of Bernoulli logits against targets in [0, 1], fused with the sigmoid so that it is
 * stable for any logit: bce(l, x) = max(l, 0) - l x + log(1 + exp(-|l|)).
 */
public final class SigmoidBce {
  private SigmoidBce() {}

  /**
   * logits, x, probs: (B, P); perImage: (B). Writes each image's BCE summed over its pixels into
   * perImage and sigmoid(logits) into probs (what backward needs); returns the sum over the batch.
   */
  public static double forward(double[] perImage, float[] probs, float[] logits, float[] x,
                               int batch, int pixels) {
    double total = 0;
    for (int b = 0; b < batch; b++) {
      double sum = 0;
      int row = b * pixels;
      for (int i = row; i < row + pixels; i++) {
        float l = logits[i];
        double e = Math.exp(-Math.abs(l));
        sum += Math.max(l, 0f) - (double) l * x[i] + Math.log1p(e);
        probs[i] = (float) (l >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e));
      }
      perImage[b] = sum;
      total += sum;
    }
    return total;
  }

  // dlogits: (B, P) += scale * (sigmoid(logits) - x); probs, x: (B, P)
  public static void backward(float[] dlogits, float[] probs, float[] x, int n, float scale) {
    for (int i = 0; i < n; i++) {
      dlogits[i] += scale * (probs[i] - x[i]);
    }
  }
}
