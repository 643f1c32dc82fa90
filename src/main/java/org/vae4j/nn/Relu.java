package org.vae4j.nn;

/** Rectified linear unit, element-wise: its backward (the forward is fused with a layer's bias). */
public final class Relu {
  private Relu() {}

  /**
   * dy: (n), the gradient of the ReLU's output y: (n), becomes in place the gradient of its input: zero
   * where y is 0. Branch-free, so that the JIT vectorizes it: with a branch, real images' unpredictable
   * pattern of zeros cost 0.3 ms per 128 x 512, 25 times this.
   */
  public static void backward(float[] dy, float[] y, int n, Parallel parallel) {
    parallel.forRange(n, Parallel.GRAIN, (from, to) -> backward(dy, y, from, to));
  }

  /** As above for the elements [from, to), on the calling thread. */
  public static void backward(float[] dy, float[] y, int from, int to) {
    for (int i = from; i < to; i++) {
      dy[i] *= pass(y[i]);
    }
  }

  /** 1 for any y > 0 (the smallest subnormal times 2^200 is above 1), 0 for y = 0: the ReLU's derivative. */
  static float pass(float y) {
    return Math.min(Math.max(y * 0x1p100f * 0x1p100f, 0f), 1f);
  }
}
