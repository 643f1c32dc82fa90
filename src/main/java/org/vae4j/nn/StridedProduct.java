package org.vae4j.nn;

/**
 * One {@link Gemm} call as C (m, n) = op(A) (m, k) op(B) (k, n), each a strided view:
 * op(A)(i, p) = a[aOff + i aRow + p aCol], op(B)(p, j) = b[bOff + p bRow + j bCol],
 * C(i, j) = c[cOff + i cRow + j cCol]. The Java engines keep one, shared by their threads.
 */
class StridedProduct {
  int m, n, k;
  float[] a, b, c;
  int aOff, aRow, aCol, bOff, bRow, bCol, cOff, cRow, cCol;
  float beta;

  /**
   * Views the call's packed operands; transposed, it views the same product as C^T = op(B)^T op(A)^T
   * (m and n swap), which suits a narrow C.
   */
  // a: (m, k) or (k, m) if transA; b: (k, n) or (n, k) if transB; c: (m, n)
  void set(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
           float beta, float[] c, int cOff, boolean transposed) {
    int aRow = transA ? 1 : k, aCol = transA ? m : 1;
    int bRow = transB ? 1 : n, bCol = transB ? k : 1;
    if (transposed) {
      set(n, m, k, b, bOff, bCol, bRow, a, aOff, aCol, aRow, c, cOff, 1, n, beta);
    } else {
      set(m, n, k, a, aOff, aRow, aCol, b, bOff, bRow, bCol, c, cOff, n, 1, beta);
    }
  }

  private void set(int m, int n, int k, float[] a, int aOff, int aRow, int aCol, float[] b, int bOff, int bRow,
                   int bCol, float[] c, int cOff, int cRow, int cCol, float beta) {
    this.m = m;
    this.n = n;
    this.k = k;
    this.a = a;
    this.aOff = aOff;
    this.aRow = aRow;
    this.aCol = aCol;
    this.b = b;
    this.bOff = bOff;
    this.bRow = bRow;
    this.bCol = bCol;
    this.c = c;
    this.cOff = cOff;
    this.cRow = cRow;
    this.cCol = cCol;
    this.beta = beta;
  }

  /** Drops the caller's arrays, so that they are not kept alive between calls. */
  void clear() {
    a = b = c = null;
  }

  /** C = beta C, the whole product when k = 0; beta 0 overwrites, even NaN. */
  void scaleC() {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        int ij = cOff + i * cRow + j * cCol;
        c[ij] = beta == 0f ? 0f : beta * c[ij];
      }
    }
  }
}
