package org.vae4j.nn;

import java.util.Arrays;

/**
 * Splits element-wise work over threads: [0, n) is cut into one contiguous range per thread. Each element
 * is computed by the same code whatever the split, so results do not depend on the thread count.
 */
public final class Parallel implements AutoCloseable {
  /** Runs everything on the calling thread. */
  public static final Parallel SERIAL = new Parallel(1);
  /** Elements of cheap element-wise work below which a split costs more (some microseconds) than it saves. */
  public static final int GRAIN = 1 << 14;

  /** Work on the elements [from, to). */
  @FunctionalInterface
  public interface RangeTask {
    void run(int from, int to);
  }

  /** Work item number item, run on thread number thread (0 is the caller), which indexes per-thread scratch. */
  @FunctionalInterface
  public interface ItemTask {
    void run(int item, int thread);
  }

  private final ThreadTeam team; // null for one thread

  public Parallel(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    team = threads == 1 ? null : new ThreadTeam(threads, "vae4j-parallel");
  }

  public int threads() {
    return team == null ? 1 : team.size();
  }

  /** The threads, for an engine that shares them (null for one thread); its calls must lock this Parallel. */
  ThreadTeam team() {
    return team;
  }

  /** Runs task over [0, n) in one range per thread; below minimum elements, on the calling thread alone. */
  public synchronized void forRange(int n, int minimum, RangeTask task) {
    if (team == null || n < minimum) {
      task.run(0, n);
      return;
    }
    int parts = team.size();
    team.run(parts, (part, thread) -> task.run((int) ((long) n * part / parts), (int) ((long) n * (part + 1) / parts)));
  }

  /**
   * Runs task on items 0 .. n-1, which the threads take in turn until none is left (a late thread finds
   * less to do); each item runs on one thread. For work in uneven or numerous pieces, e.g. images.
   */
  public synchronized void forItems(int n, ItemTask task) {
    ThreadTeam.run(team, n, task::run);
  }

  /** Fills a with zeros, split over the threads. */
  public void zero(float[] a) {
    forRange(a.length, GRAIN, (from, to) -> Arrays.fill(a, from, to, 0f));
  }

  @Override
  public void close() {
    if (team != null) {
      team.close();
    }
  }
}
