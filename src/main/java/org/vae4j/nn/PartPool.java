package org.vae4j.nn;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Runs a fixed task in {@code parts} pieces at once: piece 0 on the calling thread, pieces 1..parts-1 on
 * persistent daemon threads. A run allocates nothing; threads spin briefly between runs (calls come in
 * quick succession during training), then park.
 */
final class PartPool implements AutoCloseable {
  private static final long SPIN_NANOS = 50_000;

  private final IntConsumer task;
  private final Thread[] workers;
  private final AtomicInteger pending = new AtomicInteger();
  private volatile int generation;
  private volatile boolean closed;
  private volatile Thread caller;
  private volatile Throwable failure;

  PartPool(int parts, IntConsumer task, String name) {
    this.task = task;
    this.workers = new Thread[parts - 1];
    for (int t = 0; t < workers.length; t++) {
      int part = t + 1;
      workers[t] = new Thread(() -> work(part), name + "-" + part);
      workers[t].setDaemon(true);
      workers[t].start();
    }
  }

  int parts() {
    return workers.length + 1;
  }

  /** Runs task(0..parts-1) and returns when all are done; not reentrant (callers serialize). */
  void run() {
    if (closed) {
      throw new IllegalStateException("pool is closed");
    }
    caller = Thread.currentThread();
    pending.set(workers.length);
    generation++; // publishes the caller's writes to the workers
    for (Thread w : workers) {
      LockSupport.unpark(w);
    }
    Throwable own = null;
    try {
      task.accept(0);
    } catch (Throwable t) {
      own = t;
    }
    awaitWorkers();
    Throwable theirs = failure;
    failure = null;
    if (own != null || theirs != null) {
      rethrow(own != null ? own : theirs);
    }
  }

  @Override
  public void close() {
    closed = true;
    for (Thread w : workers) {
      LockSupport.unpark(w);
    }
  }

  private void awaitWorkers() {
    long start = System.nanoTime();
    while (pending.get() != 0) {
      if (System.nanoTime() - start < SPIN_NANOS) {
        Thread.onSpinWait();
      } else {
        LockSupport.park(this);
      }
    }
  }

  private void work(int part) {
    int seen = 0;
    while (true) {
      long start = System.nanoTime();
      while (generation == seen && !closed) {
        if (System.nanoTime() - start < SPIN_NANOS) {
          Thread.onSpinWait();
        } else {
          LockSupport.park(this);
        }
      }
      if (closed) {
        return;
      }
      seen = generation;
      try {
        task.accept(part);
      } catch (Throwable t) {
        failure = t;
      }
      if (pending.decrementAndGet() == 0) {
        LockSupport.unpark(caller);
      }
    }
  }

  private static void rethrow(Throwable t) {
    if (t instanceof RuntimeException) {
      throw (RuntimeException) t;
    }
    if (t instanceof Error) {
      throw (Error) t;
    }
    throw new IllegalStateException(t);
  }
}
