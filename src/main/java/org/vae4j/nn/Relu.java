package org.vae4j.nn;

/** Rectified linear unit, element-wise. */
public final class Relu {
  private Relu() {}

  // y: (n) = max(x, 0); x: (n)
  public static void forward(float[] y, float[] x, int n) {
    for (int i = 0; i < n; i++) {
      y[i] = Math.max(x[i], 0f);
    }
  }

  // dx: (n) += dy where the output y was positive; dy, y: (n)
  public static void backward(float[] dx, float[] dy, float[] y, int n) {
    for (int i = 0; i < n; i++) {
      dx[i] += y[i] > 0f ? dy[i] : 0f;
    }
  }
}
