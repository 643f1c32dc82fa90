package org.vae4j.nn;

import static org.assertj.core.api.Assertions.fail;

import java.util.function.DoubleSupplier;

/**
 * Central finite differences against an analytic gradient, in the manner of micrograd's and llm.c's
 * checks. Values are float, so steps are not tiny and the comparison is relative with a floor.
 */
public final class GradientCheck {
  private static final float STEP = 1e-3f;
  private static final double TOLERANCE = 2e-2;
  /** Below this size, a gradient is compared in absolute terms (TOLERANCE * floor). */
  public static final double DEFAULT_FLOOR = 1e-3;

  private GradientCheck() {}

  /**
   * For each of the first n entries of values from off: nudges it by +-STEP, reruns loss, and compares
   * (loss+ - loss-) / 2 STEP with analytic[analyticOff + i]. Fails naming the tensor, index and both values.
   */
  public static void check(String name, float[] values, int off, int n, float[] analytic, int analyticOff,
                           DoubleSupplier loss) {
    check(name, values, off, n, analytic, analyticOff, loss, DEFAULT_FLOOR);
  }

  /** As above, with a larger floor for losses whose float rounding noise is larger. */
  public static void check(String name, float[] values, int off, int n, float[] analytic, int analyticOff,
                           DoubleSupplier loss, double floor) {
    for (int i = 0; i < n; i++) {
      float saved = values[off + i];
      values[off + i] = saved + STEP;
      double plus = loss.getAsDouble();
      values[off + i] = saved - STEP;
      double minus = loss.getAsDouble();
      values[off + i] = saved;
      double numeric = (plus - minus) / (2.0 * STEP);
      double exact = analytic[analyticOff + i];
      double error = Math.abs(numeric - exact) / Math.max(floor, Math.abs(numeric) + Math.abs(exact));
      if (error > TOLERANCE) {
        fail("%s[%d]: finite difference %.6g, backward %.6g (relative error %.3g)", name, i, numeric, exact, error);
      }
    }
  }

  /**
   * Checks entry i of values as {@link #check} does, but where the difference at STEP disagrees with backward
   * tries again with steps 10 and 100 times smaller, and passes if one agrees. For large models with many
   * ReLUs: a step that crosses a kink, where the derivative jumps, measures the slope beside the point
   * (seen in the conv models: a bias of a decoder channel shifting hundreds of pre-activations, whose
   * difference is 5% off at 1e-3 and within 0.2% at 1e-4). A wrong backward disagrees at every step. The
   * losses here are sums in double of float activations, whose rounding noise the smaller steps tolerate.
   */
  public static void checkAcrossKinks(String name, float[] values, int i, float[] analytic, int analyticIndex,
                                      DoubleSupplier loss, double floor) {
    double exact = analytic[analyticIndex];
    float saved = values[i];
    String tried = "";
    for (float step = STEP; step >= STEP / 100; step /= 10) {
      values[i] = saved + step;
      double plus = loss.getAsDouble();
      values[i] = saved - step;
      double minus = loss.getAsDouble();
      values[i] = saved;
      double numeric = (plus - minus) / (2.0 * step);
      double error = Math.abs(numeric - exact) / Math.max(floor, Math.abs(numeric) + Math.abs(exact));
      if (error <= TOLERANCE) {
        return;
      }
      tried += String.format(java.util.Locale.ROOT, "%s%.6g at step %.0e", tried.isEmpty() ? "" : ", ", numeric, step);
    }
    fail("%s: finite differences %s, backward %.6g", name, tried, exact);
  }

  /** Uniform values in [-scale, scale). */
  public static float[] random(Rng rng, int n, float scale) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = rng.uniform(scale);
    }
    return a;
  }

  /** sum_i a[i] r[i]: a loss whose gradient with respect to a is r. */
  public static double dot(float[] a, float[] r, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += (double) a[i] * r[i];
    }
    return s;
  }
}
