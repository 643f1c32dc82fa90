package org.vae4j.nn;

/** The plain, obviously correct GEMM: one dot product per output, accumulated in double. */
public final class ReferenceGemm implements Gemm {
  @Override
  public void gemm(boolean transA, boolean transB, int m, int n, int k,
                   float[] a, int aOff, float[] b, int bOff, float beta, float[] c, int cOff) {
    // a: (m, k) or (k, m) if transA; b: (k, n) or (n, k) if transB; c: (m, n)
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double sum = 0;
        for (int p = 0; p < k; p++) {
          float aip = transA ? a[aOff + p * m + i] : a[aOff + i * k + p];
          float bpj = transB ? b[bOff + j * k + p] : b[bOff + p * n + j];
          sum += (double) aip * bpj;
        }
        int ij = cOff + i * n + j;
        c[ij] = (float) (beta == 0f ? sum : beta * c[ij] + sum);
      }
    }
  }

  /** Itself: it keeps no state and uses no threads. */
  @Override
  public Gemm singleThreaded() {
    return this;
  }

  @Override
  public String name() {
    return "java-reference";
  }
}
