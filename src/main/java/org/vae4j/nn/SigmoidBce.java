package org.vae4j.nn;

/**
 * Binary cross-entropy of Bernoulli logits against targets in [0, 1], fused with the sigmoid so that it is
 * stable for any logit: bce(l, x) = max(l, 0) - l x + log(1 + exp(-|l|)).
 *
 * <p>The forward pass works in float with polynomial exp and log1p, written as simple loops that the JIT
 * vectorizes: Math.exp and Math.log cost 6 and 18 ns a call, which made this loss cost as much as all
 * the matrix products of a step. Its error stays below 1e-6 per pixel (tested against the double
 * formula); the sums over pixels are in double.
 */
public final class SigmoidBce {
  /** Beyond this, exp(-|l|) < 2.1e-9 and is taken as its value at the cut. */
  private static final float CUT = 20f;
  /** Above it, a logit counts as positive for the sigmoid's branch-free select. */
  private static final float SIGN_SCALE = 1e30f;

  private SigmoidBce() {}

  /**
   * logits, x, probs, work: (B, P); perImage: (B). For the images [from, to): writes each one's BCE
   * summed over its pixels into perImage, and sigmoid(logits) into probs (what backward needs); work is
   * scratch.
   */
  public static void forward(double[] perImage, float[] probs, float[] work, float[] logits, float[] x,
                             int from, int to, int pixels) {
    for (int b = from; b < to; b++) {
      int start = b * pixels;
      int end = start + pixels;
      for (int i = start; i < end; i++) {
        probs[i] = expOfMinusAbs(logits[i]); // e = exp(-|l|), in (0, 1]
      }
      for (int i = start; i < end; i++) {
        float l = logits[i];
        work[i] = Math.max(l, 0f) - l * x[i] + log1pOfUnit(probs[i]);
      }
      for (int i = start; i < end; i++) {
        // sigmoid(l) = 1 / (1 + e) for l >= 0, else e / (1 + e) = 1 - 1 / (1 + e)
        float inverse = 1f / (1f + probs[i]);
        float positive = Math.min(Math.max(logits[i] * SIGN_SCALE, 0f), 1f);
        probs[i] = 1f - inverse + positive * (2f * inverse - 1f);
      }
      perImage[b] = sum(work, start, end);
    }
  }

  /**
   * logits, spare, work: (R, P), x: (R / repeats, P), perRow: (R). For the rows [from, to): each one's BCE
   * summed over its pixels against row r / repeats of x, the same numbers as {@link #forward} on x's rows
   * repeated, without the sigmoid that backward needs; spare and work are scratch. The row of x is first
   * copied beside its logits: C2 vectorizes a loop only when its stores and loads share one index, and
   * reading x at its own offset made this loss 3.6 times slower.
   */
  public static void loss(double[] perRow, float[] spare, float[] work, float[] logits, float[] x, int repeats,
                          int from, int to, int pixels) {
    for (int r = from; r < to; r++) {
      int start = r * pixels;
      int end = start + pixels;
      System.arraycopy(x, r / repeats * pixels, work, start, pixels);
      for (int i = start; i < end; i++) {
        spare[i] = expOfMinusAbs(logits[i]);
      }
      for (int i = start; i < end; i++) {
        float l = logits[i];
        work[i] = Math.max(l, 0f) - l * work[i] + log1pOfUnit(spare[i]);
      }
      perRow[r] = sum(work, start, end);
    }
  }

  /**
   * The plain formula in double, beside the fast one: what tests compare it with, and the loss whose
   * derivative backward computes. Same arguments as {@link #forward}, without the scratch.
   */
  public static void forwardReference(double[] perImage, float[] probs, float[] logits, float[] x,
                                      int from, int to, int pixels) {
    for (int b = from; b < to; b++) {
      double sum = 0;
      for (int i = b * pixels; i < (b + 1) * pixels; i++) {
        double l = logits[i];
        double e = Math.exp(-Math.abs(l));
        sum += Math.max(l, 0) - l * x[i] + Math.log1p(e);
        probs[i] = (float) (l >= 0 ? 1 / (1 + e) : e / (1 + e));
      }
      perImage[b] = sum;
    }
  }

  // dlogits: (n) += scale * (sigmoid(logits) - x); probs, x: (n), with n = B * P
  public static void backward(float[] dlogits, float[] probs, float[] x, int n, float scale, Parallel parallel) {
    backward(dlogits, probs, x, n, scale, true, parallel);
  }

  // as above, or unless add dlogits = 0 + that: written with the bits adding into zeros gives (0 + -0 is +0)
  public static void backward(float[] dlogits, float[] probs, float[] x, int n, float scale, boolean add,
                              Parallel parallel) {
    parallel.forRange(n, Parallel.GRAIN, (from, to) -> {
      if (add) {
        for (int i = from; i < to; i++) {
          dlogits[i] += scale * (probs[i] - x[i]);
        }
      } else {
        for (int i = from; i < to; i++) {
          dlogits[i] = 0f + scale * (probs[i] - x[i]);
        }
      }
    });
  }

  // dlogits: (B, P) += rowScale[b] * (sigmoid(logits) - x) for image b; probs, x: (B, P)
  public static void backward(float[] dlogits, float[] probs, float[] x, float[] rowScale, int batch, int pixels,
                              Parallel parallel) {
    backward(dlogits, probs, x, rowScale, batch, pixels, true, parallel);
  }

  // as above, or unless add dlogits = 0 + that
  public static void backward(float[] dlogits, float[] probs, float[] x, float[] rowScale, int batch, int pixels,
                              boolean add, Parallel parallel) {
    parallel.forRange(batch, Parallel.GRAIN / pixels + 1, (from, to) -> {
      for (int b = from; b < to; b++) {
        float scale = rowScale[b];
        if (add) {
          for (int i = b * pixels; i < (b + 1) * pixels; i++) {
            dlogits[i] += scale * (probs[i] - x[i]);
          }
        } else {
          for (int i = b * pixels; i < (b + 1) * pixels; i++) {
            dlogits[i] = 0f + scale * (probs[i] - x[i]);
          }
        }
      }
    });
  }

  /**
   * The sum of v[start, end) in double, in four interleaved partial sums: one running sum waits 4 cycles
   * for each add, which made it a quarter of the whole loss.
   */
  static double sum(float[] v, int start, int end) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = start;
    for (; i + 4 <= end; i += 4) {
      s0 += v[i];
      s1 += v[i + 1];
      s2 += v[i + 2];
      s3 += v[i + 3];
    }
    for (; i < end; i++) {
      s0 += v[i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** exp(-|l|) as (exp(-a / 16))^16, the inner one by its Taylor series to degree 9 (a / 16 <= 1.25). */
  static float expOfMinusAbs(float l) {
    float y = -Math.min(Math.abs(l), CUT) * 0.0625f;
    float p = 1f + y * (1f + y * (1f / 2 + y * (1f / 6 + y * (1f / 24 + y * (1f / 120 + y * (1f / 720
        + y * (1f / 5040 + y * (1f / 40320 + y * (1f / 362880)))))))));
    p *= p;
    p *= p;
    p *= p;
    return p * p;
  }

  /** log(1 + u) for u in [0, 1], as 2 atanh(z) with z = u / (2 + u) <= 1/3, by its series to z^15. */
  static float log1pOfUnit(float u) {
    float z = u / (2f + u);
    float z2 = z * z;
    return 2f * z * (1f + z2 * (1f / 3 + z2 * (1f / 5 + z2 * (1f / 7 + z2 * (1f / 9 + z2 * (1f / 11
        + z2 * (1f / 13 + z2 * (1f / 15))))))));
  }
}
