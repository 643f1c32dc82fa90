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

/**
 * VectorGemm against ReferenceGemm: every form, betas 0, 1 and another, offsets, sizes around its tile
 * (6 x 16 on AVX2, 12 x 32 on AVX-512), C wide enough to pack A or not, a narrow TN (transposed), a narrow
 * NN or NT (split by rows), tiny k, several k blocks (of at most 1024), the VAE's shapes; the same bits for
 * 1, 2 and 3 threads and as JavaGemm's, whatever the tile: each element still gets its fmas in the order of
 * p. Maven runs it twice, the second time with 256-bit vectors (-XX:MaxVectorSize=32), so that an AVX-512
 * machine tests both tiles.
 */
class VectorGemmTest {
  private static final Parallel PARALLEL_TWO = new Parallel(2), PARALLEL_THREE = new Parallel(3);
  private static final VectorGemm ONE = new VectorGemm(Parallel.SERIAL);
  private static final VectorGemm TWO = new VectorGemm(PARALLEL_TWO);
  private static final VectorGemm THREE = new VectorGemm(PARALLEL_THREE);
  private static final JavaGemm AUTOVEC = new JavaGemm(2);

  @AfterAll
  static void close() {
    PARALLEL_TWO.close();
    PARALLEL_THREE.close();
    AUTOVEC.close();
  }

  @Test
  void tailsOfEveryDimensionAllFormsAndBetas() {
    Random rnd = new Random(1);
    for (int m : new int[] {1, 2, 5, 6, 7, 12, 13, 25, 33, 129}) {
      for (int n : new int[] {1, 3, 8, 15, 16, 17, 33, 65, 129}) {
        for (int k : new int[] {1, 2, 3, 7, 20, 257}) {
          for (boolean ta : BOOLS) {
            for (boolean tb : BOOLS) {
              float beta = new float[] {0f, 1f, 0.5f}[rnd.nextInt(3)];
              check(rnd.nextBoolean() ? ONE : TWO, ta, tb, m, n, k, beta, rnd.nextInt(5), rnd);
            }
          }
        }
      }
    }
  }

  @Test
  void severalBlocksOfK() {
    Random rnd = new Random(5);
    for (int[] s : new int[][] {{13, 130, 2100}, {40, 17, 1025}}) {
      for (boolean ta : BOOLS) {
        for (boolean tb : BOOLS) {
          check(TWO, ta, tb, s[0], s[1], s[2], rnd.nextBoolean() ? 0f : 1f, rnd.nextInt(3), rnd);
        }
      }
    }
  }

  @Test
  void vaeShapes() {
    Random rnd = new Random(2);
    for (VectorGemm gemm : new VectorGemm[] {ONE, TWO}) {
      check(gemm, false, true, 128, 512, 784, 0f, 3, rnd); // encoder forward
      check(gemm, false, true, 128, 20, 512, 0f, 0, rnd); // mean head forward
      check(gemm, false, true, 128, 512, 20, 0f, 0, rnd); // decoder forward
      check(gemm, false, true, 128, 784, 512, 0f, 0, rnd); // decoder output forward
      check(gemm, false, false, 128, 512, 784, 0f, 0, rnd); // decoder output input gradient
      check(gemm, false, false, 128, 20, 512, 0f, 5, rnd); // decoder input gradient
      check(gemm, false, false, 128, 512, 20, 1f, 0, rnd); // mean head input gradient
      check(gemm, true, false, 512, 784, 128, 1f, 0, rnd); // encoder weight gradient
      check(gemm, true, false, 20, 512, 128, 1f, 1, rnd); // mean head weight gradient
      check(gemm, true, false, 784, 512, 128, 1f, 0, rnd); // decoder output weight gradient
    }
  }

  @Test
  void betaZeroIgnoresNaNInC() {
    Random rnd = new Random(3);
    // whole tiles, edge tiles, a transposed C (TN), A packed, several k blocks
    for (int[] s : new int[][] {{33, 70, 129}, {12, 32, 5}, {100, 9, 20}, {7, 140, 1500}}) {
      for (boolean ta : BOOLS) {
        for (boolean tb : BOOLS) {
          int m = s[0], n = s[1], k = s[2];
          float[] a = random(rnd, m * k), b = random(rnd, k * n), c = new float[m * n];
          Arrays.fill(c, Float.NaN);
          TWO.gemm(ta, tb, m, n, k, a, 0, b, 0, 0f, c, 0);
          float[] want = new float[m * n], magnitude = new float[m * n];
          REFERENCE.gemm(ta, tb, m, n, k, a, 0, b, 0, 0f, want, 0);
          REFERENCE.gemm(ta, tb, m, n, k, abs(a), 0, abs(b), 0, 0f, magnitude, 0);
          assertClose(c, want, magnitude, n, k, form(ta, tb) + " " + m + "x" + n + "x" + k + " with NaN in C");
        }
      }
    }
  }

  @Test
  void emptyShapesDoNothingAndEmptyInnerDimensionScalesC() {
    GemmCheck.checkEmptyShapes(ONE);
    GemmCheck.checkEmptyShapes(TWO);
  }

  @Test
  void resultsDoNotDependOnThreadCountAndEqualJavaGemms() {
    Random rnd = new Random(4);
    // the VAE's largest forms, a narrow C (transposed if TN), tails everywhere, several k blocks
    int[][] shapes = {{128, 784, 512}, {128, 20, 512}, {301, 9, 509}, {512, 784, 128}, {65, 333, 259},
        {1, 100, 3}, {128, 512, 20}, {37, 150, 2100}};
    for (int[] s : shapes) {
      for (boolean ta : BOOLS) {
        for (boolean tb : BOOLS) {
          for (float beta : new float[] {0f, 1f}) {
            int m = s[0], n = s[1], k = s[2];
            float[] a = random(rnd, m * k), b = random(rnd, k * n), c0 = random(rnd, m * n);
            float[] c1 = c0.clone(), c2 = c0.clone(), c3 = c0.clone(), autovec = c0.clone();
            ONE.gemm(ta, tb, m, n, k, a, 0, b, 0, beta, c1, 0);
            TWO.gemm(ta, tb, m, n, k, a, 0, b, 0, beta, c2, 0);
            THREE.gemm(ta, tb, m, n, k, a, 0, b, 0, beta, c3, 0);
            AUTOVEC.gemm(ta, tb, m, n, k, a, 0, b, 0, beta, autovec, 0);
            String what = form(ta, tb) + " " + m + "x" + n + "x" + k + " beta=" + beta;
            assertThat(c2).as(what + ", 2 threads vs 1").isEqualTo(c1);
            assertThat(c3).as(what + ", 3 threads vs 1").isEqualTo(c1);
            assertThat(c1).as(what + ", JavaGemm vs VectorGemm").isEqualTo(autovec);
          }
        }
      }
    }
  }

  @Test
  void biasAndReluOnEachTileGiveTheBitsOfApplyingThemAfter() {
    Random rnd = new Random(5);
    // tiles whole and at the edges, a narrow C split by rows, several k blocks, C at an offset
    int[][] shapes = {{128, 512, 784}, {128, 20, 512}, {1000, 784, 20}, {37, 150, 2100}, {13, 33, 7}, {1, 1, 1}};
    for (int[] s : shapes) {
      for (boolean ta : BOOLS) {
        for (boolean tb : BOOLS) {
          for (boolean relu : BOOLS) {
            int m = s[0], n = s[1], k = s[2];
            float[] a = random(rnd, m * k), b = random(rnd, k * n), bias = random(rnd, n + 3);
            float[] expected = new float[m * n + 5];
            ONE.gemm(ta, tb, m, n, k, a, 0, b, 0, 0f, expected, 5);
            for (int i = 0; i < m; i++) {
              for (int j = 0; j < n; j++) {
                float y = expected[5 + i * n + j] + bias[3 + j];
                expected[5 + i * n + j] = relu ? Math.max(y, 0f) : y;
              }
            }
            for (VectorGemm gemm : new VectorGemm[] {ONE, TWO, THREE}) {
              float[] c = new float[m * n + 5];
              Arrays.fill(c, Float.NaN);
              String what = form(ta, tb) + " " + m + "x" + n + "x" + k + (relu ? " relu" : "");
              if (gemm.gemmBias(ta, tb, m, n, k, a, 0, b, 0, bias, 3, relu, c, 5)) {
                assertThat(Arrays.copyOfRange(c, 5, c.length)).as(what)
                    .isEqualTo(Arrays.copyOfRange(expected, 5, expected.length));
              } else {
                assertThat(ta && n < 64 && m > n).as(what + ": only a C computed transposed is left to the caller")
                    .isTrue();
              }
            }
          }
        }
      }
    }
  }
}
