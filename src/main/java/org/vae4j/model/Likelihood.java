package org.vae4j.model;

import org.vae4j.nn.Parallel;

/**
 * The decoder's output distribution p(x | z), parameterized per pixel by the decoder's last layer. The
 * objectives and the evaluation see only this: -log p(x | z) per image, its gradient, and the distribution's
 * mean (the image a decoder shows).
 */
public interface Likelihood {
  /** Its name in files and reports, e.g. "bernoulli". */
  String name();

  /**
   * params, x, mean, work: (B, P); nll: (B). For the images [from, to): nll[b] = -log p(x_b | params_b)
   * summed over pixels, and the distribution's mean into mean (what backward needs); work is scratch.
   */
  void nll(double[] nll, float[] mean, float[] work, float[] params, float[] x, int from, int to, int pixels);

  /**
   * params, spare, work: (R, P), x: (R / repeats, P), nll: (R). For the rows [from, to): nll[r] = -log
   * p(x_{r / repeats} | params_r) summed over pixels, each row of x standing for repeats consecutive rows of
   * params; the same numbers as nll on the rows repeated, but keeping nothing for backward. spare and work
   * are scratch. Returns false, having done nothing, for a likelihood that cannot: the caller then repeats the
   * rows and calls nll.
   */
  default boolean nll(double[] nll, float[] spare, float[] work, float[] params, float[] x, int repeats, int from,
                      int to, int pixels) {
    return false;
  }

  // dparams: (B, P) += rowScale[b] * d nll_b / d params; mean, x: (B, P) as nll left and saw them
  void backward(float[] dparams, float[] mean, float[] x, float[] rowScale, int batch, int pixels, Parallel parallel);

  // dparams: (n) += scale * d nll / d params, the same scale for every image; n = B * P
  void backward(float[] dparams, float[] mean, float[] x, int n, float scale, Parallel parallel);

  // as above, adding into dparams or, unless add, writing (=) it with the bits adding into zeros would give
  default void backward(float[] dparams, float[] mean, float[] x, float[] rowScale, int batch, int pixels, boolean add,
                        Parallel parallel) {
    if (!add) {
      java.util.Arrays.fill(dparams, 0, batch * pixels, 0f);
    }
    backward(dparams, mean, x, rowScale, batch, pixels, parallel);
  }

  // as above, adding into dparams or, unless add, writing (=) it with the bits adding into zeros would give
  default void backward(float[] dparams, float[] mean, float[] x, int n, float scale, boolean add, Parallel parallel) {
    if (!add) {
      java.util.Arrays.fill(dparams, 0, n, 0f);
    }
    backward(dparams, mean, x, n, scale, parallel);
  }

  // mean: (n) = E[x | params: (n)]
  void mean(float[] mean, float[] params, int n);
}
