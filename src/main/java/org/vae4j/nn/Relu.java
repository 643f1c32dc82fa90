package org.vae4j.nn;

/** Rectified linear unit, element-wise: its backward (the forward is fused with the bias, in Linear). */
public final class Relu {
  private Relu() {}

  /**
   * dx: (n) += dy where the output y was positive; dy, y: (n). Branch-free, so that the JIT vectorizes it:
   * with a branch, real images' unpredictable pattern of zeros cost 0.3 ms per 128 x 512, 25 times this.
   */
  public static void backward(float[] dx, float[] dy, float[] y, int n, Parallel parallel) {
    parallel.forRange(n, Parallel.GRAIN, (from, to) -> {
      for (int i = from; i < to; i++) {
        // 1 for any y > 0 (the smallest subnormal times 2^200 is above 1), 0 for y = 0
        float pass = Math.min(Math.max(y[i] * 0x1p100f * 0x1p100f, 0f), 1f);
        dx[i] += pass * dy[i];
      }
    });
  }
}
