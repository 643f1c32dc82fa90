package org.vae4j.nn;

/**
 * General matrix multiply on packed row-major float arrays: {@code C = beta * C + op(A) op(B)}.
 *
 * <p>Shapes: op(A) is (m, k), op(B) is (k, n), C is (m, n). A is stored (m, k), or (k, m) when
 * {@code transA}; B is stored (k, n), or (n, k) when {@code transB}. Every matrix is packed: its leading
 * dimension is its stored column count. {@code beta} is 0 (overwrite; C's old content is ignored, even NaN)
 * or 1 (accumulate), as the layers need; other values scale C.
 *
 * <p>The layers use three forms: NT for forward (x W^T), NN for the input gradient (dy W) and TN for
 * the weight gradient (dy^T x).
 */
public interface Gemm {
  void gemm(boolean transA, boolean transB, int m, int n, int k,
            float[] a, int aOff, float[] b, int bOff, float beta, float[] c, int cOff);

  /**
   * A layer's forward in one call: C = op(A) op(B) (beta 0), then C(i, j) + bias[biasOff + j] through the
   * ReLU when relu, applied to each tile of C while it is in cache, with the bits of applying them after.
   * Returns false, having done nothing, for an engine that does not fuse them: the caller multiplies and
   * applies them itself.
   */
  default boolean gemmBias(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, float[] b,
                           int bOff, float[] bias, int biasOff, boolean relu, float[] c, int cOff) {
    return false;
  }

  /**
   * An engine of the same kind that works on the calling thread alone, with buffers of its own: for a caller
   * that splits its work over threads itself (a convolution, image by image) and gives each thread one.
   * It computes every element as this engine does.
   */
  Gemm singleThreaded();

  /** Short name for logs and metrics, e.g. "java-reference". */
  String name();
}
