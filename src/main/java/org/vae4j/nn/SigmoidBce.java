package org.vae4j.nn;

/**
 * Binary cross-entropy of Bernoulli logits against targets in [0, 1], fused with the sigmoid so that it is
 * stable for any logit: bce(l, x) = max(l, 0) - l x + log(1 + exp(-|l|)).
 */
public final class SigmoidBce {
  private SigmoidBce() {}

  /**
   * logits, x, probs: (B, P); perImage: (B). For the images [from, to): writes each one's BCE summed over
   * its pixels into perImage, and sigmoid(logits) into probs (what backward needs).
   */
  public static void forward(double[] perImage, float[] probs, float[] logits, float[] x,
                             int from, int to, int pixels) {
    for (int b = from; b < to; b++) {
      double sum = 0;
      int row = b * pixels;
      for (int i = row; i < row + pixels; i++) {
        float l = logits[i];
        double e = Math.exp(-Math.abs(l));
        sum += Math.max(l, 0f) - (double) l * x[i] + Math.log1p(e);
        probs[i] = (float) (l >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e));
      }
      perImage[b] = sum;
    }
  }

  // dlogits: (B, P) += scale * (sigmoid(logits) - x); probs, x: (B, P)
  public static void backward(float[] dlogits, float[] probs, float[] x, int n, float scale) {
    for (int i = 0; i < n; i++) {
      dlogits[i] += scale * (probs[i] - x[i]);
    }
  }
}
