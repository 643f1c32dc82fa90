package org.vae4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vae4j.nn.GemmCheck.BOOLS;
import static org.vae4j.nn.GemmCheck.REFERENCE;
import static org.vae4j.nn.GemmCheck.abs;
import static org.vae4j.nn.GemmCheck.assertClose;
import static org.vae4j.nn.GemmCheck.check;
import static org.vae4j.nn.GemmCheck.form;
import static org.vae4j.nn.GemmCheck.random;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** JavaGemm against ReferenceGemm: every form, both betas, offsets, odd sizes, the VAE's shapes. */
class JavaGemmTest {
  private static final JavaGemm ONE = new JavaGemm(1);
  private static final JavaGemm TWO = new JavaGemm(2);
  private static final JavaGemm THREE = new JavaGemm(3);
  private static final JavaGemm KERNEL2 = new JavaGemm(2, 2);
  private static final JavaGemm KERNEL3 = new JavaGemm(2, 3);

  @AfterAll
  static void close() {
    ONE.close();
    TWO.close();
    THREE.close();
    KERNEL2.close();
    KERNEL3.close();
  }

  @Test
  void oddSizesAllFormsBothBetas() {
    int[] sizes = {1, 3, 17, 33, 129};
    Random rnd = new Random(1);
    for (int m : sizes) {
      for (int n : sizes) {
        for (int k : new int[] {1, 2, 17, 129}) {
          for (boolean ta : BOOLS) {
            for (boolean tb : BOOLS) {
              float beta = rnd.nextBoolean() ? 0f : 1f;
              check(TWO, ta, tb, m, n, k, beta, rnd.nextInt(5), rnd);
            }
          }
        }
      }
    }
  }

  @Test
  void vaeShapes() {
    Random rnd = new Random(2);
    check(TWO, false, true, 128, 512, 784, 0f, 3, rnd); // encoder forward
    check(TWO, false, true, 128, 20, 512, 0f, 0, rnd); // mu head forward
    check(TWO, false, true, 128, 512, 20, 0f, 0, rnd); // decoder forward
    check(TWO, false, false, 128, 784, 512, 0f, 0, rnd); // decoder input gradient
    check(TWO, false, false, 128, 512, 20, 0f, 5, rnd); // mu head input gradient
    check(TWO, true, false, 512, 784, 128, 1f, 0, rnd); // encoder weight gradient
    check(TWO, true, false, 20, 512, 128, 1f, 1, rnd); // mu head weight gradient
    check(TWO, true, false, 784, 512, 128, 1f, 0, rnd); // decoder weight gradient
  }

  @Test
  void betaZeroIgnoresNaNInC() {
    Random rnd = new Random(3);
    for (boolean ta : BOOLS) {
      for (boolean tb : BOOLS) {
        int m = 33, n = 70, k = 129;
        float[] a = random(rnd, m * k), b = random(rnd, k * n), c = new float[m * n];
        Arrays.fill(c, Float.NaN);
        TWO.gemm(ta, tb, m, n, k, a, 0, b, 0, 0f, c, 0);
        float[] want = new float[m * n], magnitude = new float[m * n];
        REFERENCE.gemm(ta, tb, m, n, k, a, 0, b, 0, 0f, want, 0);
        REFERENCE.gemm(ta, tb, m, n, k, abs(a), 0, abs(b), 0, 0f, magnitude, 0);
        assertClose(c, want, magnitude, n, k, form(ta, tb) + " with NaN in C");
      }
    }
  }

  @Test
  void emptyShapesDoNothingAndEmptyInnerDimensionScalesC() {
    GemmCheck.checkEmptyShapes(ONE);
    GemmCheck.checkEmptyShapes(TWO);
  }

  @Test
  void resultsDoNotDependOnThreadCount() {
    Random rnd = new Random(4);
    // wide C (split by columns), narrow C (split by rows), VAE weight gradient
    int[][] shapes = {{128, 784, 512}, {128, 20, 512}, {301, 9, 509}, {512, 784, 128}, {65, 333, 259}};
    for (int[] s : shapes) {
      for (boolean ta : BOOLS) {
        for (boolean tb : BOOLS) {
          int m = s[0], n = s[1], k = s[2];
          float[] a = random(rnd, m * k), b = random(rnd, k * n), c0 = random(rnd, m * n);
          float[] c1 = c0.clone(), c2 = c0.clone(), c3 = c0.clone();
          ONE.gemm(ta, tb, m, n, k, a, 0, b, 0, 1f, c1, 0);
          TWO.gemm(ta, tb, m, n, k, a, 0, b, 0, 1f, c2, 0);
          THREE.gemm(ta, tb, m, n, k, a, 0, b, 0, 1f, c3, 0);
          String what = form(ta, tb) + " " + m + "x" + n + "x" + k;
          assertThat(c2).as(what + ", 2 threads vs 1").isEqualTo(c1);
          assertThat(c3).as(what + ", 3 threads vs 1").isEqualTo(c1);
        }
      }
    }
  }

  @Test
  void kernelSizesGiveTheSameBits() {
    Random rnd = new Random(5);
    for (int[] s : new int[][] {{128, 512, 20}, {31, 77, 100}, {65, 20, 259}}) {
      for (boolean ta : BOOLS) {
        for (boolean tb : BOOLS) {
          int m = s[0], n = s[1], k = s[2];
          float[] a = random(rnd, m * k), b = random(rnd, k * n), c2 = random(rnd, m * n), c3 = c2.clone();
          KERNEL2.gemm(ta, tb, m, n, k, a, 0, b, 0, 1f, c2, 0);
          KERNEL3.gemm(ta, tb, m, n, k, a, 0, b, 0, 1f, c3, 0);
          assertThat(c3).as(form(ta, tb) + " " + m + "x" + n + "x" + k).isEqualTo(c2);
        }
      }
    }
  }
}
