package org.vae4j.nn;

/** A test's engine: the reference product under a name of its own, with a chosen single-threaded sibling. */
final class NamedGemm implements Gemm {
  private static final Gemm REFERENCE = new ReferenceGemm();

  private final String name;
  private final Gemm sibling; // null: itself

  NamedGemm(String name) {
    this(name, null);
  }

  NamedGemm(String name, Gemm sibling) {
    this.name = name;
    this.sibling = sibling;
  }

  @Override
  public void gemm(boolean transA, boolean transB, int m, int n, int k,
                   float[] a, int aOff, float[] b, int bOff, float beta, float[] c, int cOff) {
    REFERENCE.gemm(transA, transB, m, n, k, a, aOff, b, bOff, beta, c, cOff);
  }

  @Override
  public Gemm singleThreaded() {
    return sibling == null ? this : sibling;
  }

  @Override
  public String name() {
    return name;
  }
}
