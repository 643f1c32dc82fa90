package org.vae4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The command summary's counts: 2 m n k per product however it is asked for, once. */
class CountingGemmTest {
  @Test
  void countsEveryProductOnce() {
    CountingGemm counted = new CountingGemm(new ReferenceGemm());
    float[] a = new float[6 * 4];
    float[] b = new float[4 * 5];
    float[] c = new float[6 * 5];
    counted.gemm(false, false, 6, 5, 4, a, 0, b, 0, 0f, c, 0);
    assertThat(counted.flops()).isEqualTo(2.0 * 6 * 5 * 4);
    // the reference engine leaves a bias to its caller, who then calls gemm: counted there, not twice
    assertThat(counted.gemmBias(false, true, 6, 5, 4, a, 0, b, 0, new float[5], 0, true, c, 0)).isFalse();
    assertThat(counted.flops()).isEqualTo(2.0 * 6 * 5 * 4);
    assertThat(counted.name()).isEqualTo(new ReferenceGemm().name());
  }

  @Test
  void countsAProductWithItsBiasWhereTheEngineFusesThem() {
    try (Parallel two = new Parallel(2)) {
      CountingGemm counted = new CountingGemm(new VectorGemm(two));
      float[] y = new float[3 * 7];
      assertThat(counted.gemmBias(false, true, 3, 7, 9, new float[3 * 9], 0, new float[7 * 9], 0, new float[7], 0,
          false, y, 0)).isTrue();
      assertThat(counted.flops()).isEqualTo(2.0 * 3 * 7 * 9);
    }
  }

  @Test
  void theSingleThreadedSiblingsProductsCountInTheSameTotal() {
    CountingGemm counted = new CountingGemm(new ReferenceGemm());
    Gemm sibling = counted.singleThreaded();
    sibling.gemm(false, false, 2, 3, 4, new float[2 * 4], 0, new float[4 * 3], 0, 0f, new float[2 * 3], 0);
    counted.gemm(false, false, 2, 3, 4, new float[2 * 4], 0, new float[4 * 3], 0, 0f, new float[2 * 3], 0);
    assertThat(counted.flops()).isEqualTo(2 * 2.0 * 2 * 3 * 4);
  }

  @Test
  void theSgemmRateIsTimedOnTheLargeProduct() {
    try (JavaGemm gemm = new JavaGemm(1)) {
      SgemmRate.Rate rate = SgemmRate.measure(gemm, 0.01);
      assertThat(rate.shape()).isEqualTo(new GemmShape(false, false, 1024, 1024, 1024));
      assertThat(rate.products()).isGreaterThanOrEqualTo(2);
      assertThat(rate.gflops()).isPositive().isFinite();
    }
  }
}
