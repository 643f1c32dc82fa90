package org.vae4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** NativeGemm against ReferenceGemm: every form, both betas, offsets, row splits over threads. */
class NativeGemmTest {
  private static final Parallel TWO = new Parallel(2);
  private static final Gemm NATIVE = NativeGemm.load(TWO);
  private static final Gemm SERIAL = NativeGemm.load(Parallel.SERIAL);
  private static final Gemm REFERENCE = new ReferenceGemm();

  @AfterAll
  static void close() {
    TWO.close();
  }

  @Test
  void theVaeShapesInTheFormsTheLayersUse() {
    Rng rng = new Rng(6);
    compare(NATIVE, false, true, 128, 512, 784, 0f, rng); // encoder forward
    compare(NATIVE, false, true, 128, 20, 512, 0f, rng); // mean head forward
    compare(NATIVE, false, false, 128, 784, 512, 1f, rng); // decoder input gradient
    compare(NATIVE, true, false, 512, 784, 128, 1f, rng); // encoder weight gradient
    compare(NATIVE, true, false, 20, 512, 128, 1f, rng); // mean head weight gradient
  }

  @Test
  void everyFormAndBetaWithOffsetsMatchesTheReference() {
    Rng rng = new Rng(4);
    for (int[] mnk : new int[][] {{1, 1, 1}, {3, 5, 7}, {33, 17, 129}, {64, 40, 33}}) {
      for (boolean transA : new boolean[] {false, true}) {
        for (boolean transB : new boolean[] {false, true}) {
          for (float beta : new float[] {0f, 1f}) {
            compare(NATIVE, transA, transB, mnk[0], mnk[1], mnk[2], beta, rng);
          }
        }
      }
    }
  }

  @Test
  void repeatableForAThreadCountAndCloseAcrossThreadCounts() {
    Rng rng = new Rng(5);
    float[] a = GradientCheck.random(rng, 128 * 784, 1f);
    float[] b = GradientCheck.random(rng, 512 * 784, 1f);
    float[] two = new float[128 * 512];
    float[] twoAgain = new float[128 * 512];
    float[] one = new float[128 * 512];
    NATIVE.gemm(false, true, 128, 512, 784, a, 0, b, 0, 0f, two, 0);
    NATIVE.gemm(false, true, 128, 512, 784, a, 0, b, 0, 0f, twoAgain, 0);
    SERIAL.gemm(false, true, 128, 512, 784, a, 0, b, 0, 0f, one, 0);
    assertThat(twoAgain).isEqualTo(two);
    for (int i = 0; i < one.length; i++) {
      assertThat(two[i]).isCloseTo(one[i], org.assertj.core.data.Offset.offset(1e-4f));
    }
  }

  @Test
  void betaZeroIgnoresNaNInC() {
    float[] c = new float[4];
    Arrays.fill(c, Float.NaN);
    NATIVE.gemm(false, false, 2, 2, 1, new float[] {1, 2}, 0, new float[] {3, 4}, 0, 0f, c, 0);
    assertThat(c).containsExactly(3, 4, 6, 8);
  }

  @Test
  void emptyShapesDoNothingAndEmptyInnerDimensionScalesC() {
    GemmCheck.checkEmptyShapes(SERIAL);
    GemmCheck.checkEmptyShapes(NATIVE);
  }

  @Test
  void refusesOperandsThatDoNotFitTheirArrays() {
    assertThatThrownBy(() -> NATIVE.gemm(false, false, 2, 2, 2, new float[3], 0, new float[4], 0, 0f,
        new float[4], 0)).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("a: 4 values");
    assertThatThrownBy(() -> NATIVE.gemm(false, false, 2, 2, 2, new float[4], 0, new float[4], 0, 0f,
        new float[4], 1)).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("c: 4 values from 1");
  }

  @Test
  void namesTheKernelOpenBlasChoseAsOpenBlasDoes() {
    String coretype = System.getenv("OPENBLAS_CORETYPE");
    if (coretype != null) {
      assertThat(NativeGemm.coreName()).isEqualToIgnoringCase(coretype); // OpenBLAS takes it in any case
    } else {
      assertThat(NativeGemm.coreName()).isIn("Prescott", "Core2", "Nehalem", "Barcelona", "Sandybridge", "Bulldozer",
          "Piledriver", "Steamroller", "Excavator", "Haswell", "Zen", "SkylakeX", "Cooperlake", "SapphireRapids");
    }
  }

  private static void compare(Gemm gemm, boolean transA, boolean transB, int m, int n, int k, float beta, Rng rng) {
    int aOff = 3;
    int bOff = 5;
    int cOff = 7;
    float[] a = GradientCheck.random(rng, aOff + m * k, 1f);
    float[] b = GradientCheck.random(rng, bOff + k * n, 1f);
    float[] c = GradientCheck.random(rng, cOff + m * n + 2, 1f);
    float[] expected = c.clone();
    gemm.gemm(transA, transB, m, n, k, a, aOff, b, bOff, beta, c, cOff);
    REFERENCE.gemm(transA, transB, m, n, k, a, aOff, b, bOff, beta, expected, cOff);
    double tolerance = 1e-5 * (k + 1); // float sums of k products of values in [-1, 1]
    for (int i = 0; i < c.length; i++) {
      assertThat((double) c[i]).as("%s%s m=%d n=%d k=%d beta=%s at %d", transA ? "T" : "N", transB ? "T" : "N",
          m, n, k, beta, i).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(tolerance));
    }
  }
}
