package org.vae4j.nn;

import java.util.concurrent.atomic.DoubleAdder;

/**
 * Passes every call to an engine and counts its floating-point operations, 2 m n k per call: the matrix
 * product work a command did, for its summary. Safe to share between threads, like the engine it wraps.
 */
public final class CountingGemm implements Gemm {
  private final Gemm engine;
  private final DoubleAdder flops;

  public CountingGemm(Gemm engine) {
    this(engine, new DoubleAdder());
  }

  private CountingGemm(Gemm engine, DoubleAdder flops) {
    this.engine = engine;
    this.flops = flops;
  }

  @Override
  public void gemm(boolean transA, boolean transB, int m, int n, int k,
                   float[] a, int aOff, float[] b, int bOff, float beta, float[] c, int cOff) {
    engine.gemm(transA, transB, m, n, k, a, aOff, b, bOff, beta, c, cOff);
    flops.add(2.0 * m * n * k);
  }

  @Override
  public boolean gemmBias(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, float[] b,
                          int bOff, float[] bias, int biasOff, boolean relu, float[] c, int cOff) {
    boolean done = engine.gemmBias(transA, transB, m, n, k, a, aOff, b, bOff, bias, biasOff, relu, c, cOff);
    if (done) { // else the caller multiplies through gemm, which counts
      flops.add(2.0 * m * n * k);
    }
    return done;
  }

  /** The engine's single-threaded sibling, counting into this one's total. */
  @Override
  public Gemm singleThreaded() {
    return new CountingGemm(engine.singleThreaded(), flops);
  }

  /** The engine it counts for. */
  public Gemm engine() {
    return engine;
  }

  /** Floating-point operations of every call so far. */
  public double flops() {
    return flops.sum();
  }

  @Override
  public String name() {
    return engine.name();
  }
}
