package org.vae4j.nn;

/**
 * An engine's rate on one large product, the sgemm rate the machine offers it: what a command's matrix
 * products would reach if each ran as fast. Timed as repeated products for about the given time, the
 * fastest counting (noise only ever slows a product down).
 */
public final class SgemmRate {
  /** The product timed: NN, m = n = k = SIZE; 2.1 GFLOP, its operands 12 MiB in all. */
  public static final int SIZE = 1024;

  /** GFLOP/s of the fastest product, and how many were timed. */
  public record Rate(double gflops, int products, GemmShape shape) {}

  private SgemmRate() {}

  /** Times engine on the large product, repeated for about seconds (at least 3 products, the first untimed). */
  public static Rate measure(Gemm engine, double seconds) {
    GemmShape shape = new GemmShape(false, false, SIZE, SIZE, SIZE);
    Rng rng = new Rng(1);
    float[] a = new float[SIZE * SIZE];
    float[] b = new float[SIZE * SIZE];
    float[] c = new float[SIZE * SIZE];
    for (int i = 0; i < a.length; i++) {
      a[i] = rng.uniform(1f);
      b[i] = rng.uniform(1f);
    }
    engine.gemm(false, false, SIZE, SIZE, SIZE, a, 0, b, 0, 0f, c, 0); // compiles the kernels, warms the caches
    long end = System.nanoTime() + (long) (seconds * 1e9);
    double best = Double.MAX_VALUE;
    int products = 0;
    while (products < 2 || System.nanoTime() < end) {
      long start = System.nanoTime();
      engine.gemm(false, false, SIZE, SIZE, SIZE, a, 0, b, 0, 0f, c, 0);
      best = Math.min(best, System.nanoTime() - start);
      products++;
    }
    return new Rate(shape.flops() / best, products, shape);
  }
}
