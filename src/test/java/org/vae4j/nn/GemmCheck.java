package org.vae4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;

/** What the tests of the fast GEMM engines share: a case against ReferenceGemm, with a tolerance it justifies. */
final class GemmCheck {
  static final Gemm REFERENCE = new ReferenceGemm();
  static final boolean[] BOOLS = {false, true};

  private GemmCheck() {}

  /** Runs one case with off elements of padding around every operand and checks C and its padding. */
  static void check(Gemm gemm, boolean ta, boolean tb, int m, int n, int k, float beta, int off, Random rnd) {
    float[] a = random(rnd, off + m * k), b = random(rnd, off + k * n), c = random(rnd, off + m * n + off);
    float[] want = c.clone(), magnitude = abs(c);
    gemm.gemm(ta, tb, m, n, k, a, off, b, off, beta, c, off);
    REFERENCE.gemm(ta, tb, m, n, k, a, off, b, off, beta, want, off);
    String what = form(ta, tb) + " " + m + "x" + n + "x" + k + " beta=" + beta + " off=" + off;
    assertThat(Arrays.copyOfRange(c, 0, off)).as(what + ": padding before C")
        .isEqualTo(Arrays.copyOfRange(want, 0, off));
    assertThat(Arrays.copyOfRange(c, off + m * n, c.length)).as(what + ": padding after C")
        .isEqualTo(Arrays.copyOfRange(want, off + m * n, c.length));
    REFERENCE.gemm(ta, tb, m, n, k, abs(a), off, abs(b), off, Math.abs(beta), magnitude, off);
    assertClose(slice(c, off, m * n), slice(want, off, m * n), slice(magnitude, off, m * n), n, k, what);
  }

  /** Empty shapes leave C alone (even NaN); k = 0 only scales C by beta, which 0 overwrites. */
  static void checkEmptyShapes(Gemm gemm) {
    float[] c = {Float.NaN};
    for (int[] s : new int[][] {{0, 1, 5}, {1, 0, 5}, {0, 0, 0}}) {
      gemm.gemm(false, false, s[0], s[1], s[2], new float[5], 0, new float[5], 0, 0f, c, 0);
    }
    assertThat(c).containsExactly(Float.NaN);
    float[] d = {1f, Float.NaN, 3f, 4f};
    gemm.gemm(false, false, 2, 2, 0, new float[0], 0, new float[0], 0, 1f, d, 0);
    assertThat(d).containsExactly(1f, Float.NaN, 3f, 4f);
    gemm.gemm(false, false, 2, 2, 0, new float[0], 0, new float[0], 0, 0f, d, 0);
    assertThat(d).containsExactly(0f, 0f, 0f, 0f);
  }

  /**
   * A float sum of k products and beta * c errs by at most (k + 1) 2^-24 times the sum of their
   * magnitudes; a lost or doubled product errs by about that sum / k, far more.
   */
  static void assertClose(float[] got, float[] want, float[] magnitude, int n, int k, String what) {
    for (int i = 0; i < got.length; i++) {
      double tol = (k + 1) * 0x1p-24 * magnitude[i];
      double diff = Math.abs((double) got[i] - want[i]);
      if (!(diff <= tol)) { // NaN fails too
        throw new AssertionError(String.format("%s: C[%d,%d] = %s, reference %s (|diff| %.3g > %.3g)",
            what, i / n, i % n, got[i], want[i], diff, tol));
      }
    }
  }

  static float[] slice(float[] x, int from, int length) {
    return Arrays.copyOfRange(x, from, from + length);
  }

  static float[] abs(float[] x) {
    float[] y = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = Math.abs(x[i]);
    }
    return y;
  }

  static String form(boolean ta, boolean tb) {
    return (ta ? "T" : "N") + (tb ? "T" : "N");
  }

  static float[] random(Random rnd, int size) {
    float[] x = new float[size];
    for (int i = 0; i < size; i++) {
      x[i] = 2 * rnd.nextFloat() - 1;
    }
    return x;
  }
}
