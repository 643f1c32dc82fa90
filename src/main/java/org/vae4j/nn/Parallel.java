package org.vae4j.nn;

/**
 * Splits element-wise work over threads: [0, n) is cut into one contiguous range per thread. Each element
 * is computed by the same code whatever the split, so results do not depend on the thread count.
 */
public final class Parallel implements AutoCloseable {
  /** Runs everything on the calling thread. */
  public static final Parallel SERIAL = new Parallel(1);

  /** Work on the elements [from, to). */
  @FunctionalInterface
  public interface RangeTask {
    void run(int from, int to);
  }

  private final PartPool pool; // null for one thread
  private RangeTask task;
  private int size;

  public Parallel(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    pool = threads == 1 ? null : new PartPool(threads, this::runPart, "vae4j-parallel");
  }

  public int threads() {
    return pool == null ? 1 : pool.parts();
  }

  /** Runs task over [0, n) in ranges; below minimum elements, on the calling thread alone. */
  public synchronized void forRange(int n, int minimum, RangeTask task) {
    if (pool == null || n < minimum) {
      task.run(0, n);
      return;
    }
    this.task = task;
    this.size = n;
    try {
      pool.run();
    } finally {
      this.task = null; // don't keep the caller's arrays reachable
    }
  }

  private void runPart(int part) {
    int parts = pool.parts();
    task.run((int) ((long) size * part / parts), (int) ((long) size * (part + 1) / parts));
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.close();
    }
  }
}
