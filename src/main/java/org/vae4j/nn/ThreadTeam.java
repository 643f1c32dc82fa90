package org.vae4j.nn;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The calling thread plus persistent daemon threads that share out the numbered items of a job: each
 * takes the next untaken item until none is left. A thread that comes late (parked, or descheduled by the
 * OS) finds less to do instead of holding up the others. Between jobs the daemons spin for a while, as
 * jobs come in quick succession during training, then park. They spin with Thread.yield(), which hands
 * the core to any other runnable thread (say another pool's), since waking a parked thread costs tens of
 * microseconds in a VM.
 */
final class ThreadTeam implements AutoCloseable {
  /** Does one item on the given thread: 0 is the caller, 1.. the daemons (to index per-thread scratch). */
  interface Task {
    void run(int item, int thread);
  }

  private static final long IDLE_SPIN_NANOS = 200_000; // daemons between jobs
  private static final long WAIT_SPIN_NANOS = 1_000_000; // the caller, for the last items of a job

  private final Thread[] daemons;
  private final AtomicIntegerArray parked; // 1 for a daemon that is, or is about to be, parked
  private volatile Job job; // the latest
  private volatile boolean closed;

  /** A team of {@code threads} threads: the caller of run() and threads - 1 daemons. */
  ThreadTeam(int threads, String name) {
    daemons = new Thread[threads - 1];
    parked = new AtomicIntegerArray(daemons.length);
    for (int t = 0; t < daemons.length; t++) {
      int thread = t + 1;
      daemons[t] = new Thread(() -> serve(thread), name + "-" + thread);
      daemons[t].setDaemon(true);
      daemons[t].start();
    }
  }

  int size() {
    return daemons.length + 1;
  }

  /** Runs task on items 0 .. items-1 on team, or on the calling thread alone (as thread 0) when team is null. */
  static void run(ThreadTeam team, int items, Task task) {
    if (team != null) {
      team.run(items, task);
    } else {
      for (int item = 0; item < items; item++) {
        task.run(item, 0);
      }
    }
  }

  /** Runs task on items 0 .. items-1 and returns when all are done; callers must not overlap. */
  void run(int items, Task task) {
    if (closed) {
      throw new IllegalStateException("thread team is closed");
    }
    Job j = new Job(task, items, Thread.currentThread());
    job = j; // publishes the caller's earlier writes to the daemons
    for (int t = 0; t < daemons.length; t++) {
      if (parked.get(t) == 1) {
        LockSupport.unpark(daemons[t]); // costly (some 15 us in a VM), so only when needed
      }
    }
    work(j, 0);
    long start = System.nanoTime();
    while (j.done.get() < items) {
      if (System.nanoTime() - start < WAIT_SPIN_NANOS) {
        Thread.yield();
      } else {
        LockSupport.park(this);
      }
    }
    Throwable failure = j.failure;
    if (failure instanceof RuntimeException) {
      throw (RuntimeException) failure;
    } else if (failure instanceof Error) {
      throw (Error) failure;
    } else if (failure != null) {
      throw new IllegalStateException(failure);
    }
  }

  @Override
  public void close() {
    closed = true;
    for (Thread d : daemons) {
      LockSupport.unpark(d);
    }
  }

  private static void work(Job j, int thread) {
    for (int item = j.next.getAndIncrement(); item < j.items; item = j.next.getAndIncrement()) {
      try {
        j.task.run(item, thread);
      } catch (Throwable t) {
        j.failure = t;
      }
      if (j.done.incrementAndGet() == j.items && Thread.currentThread() != j.caller) {
        LockSupport.unpark(j.caller);
      }
    }
  }

  private void serve(int thread) {
    Job seen = null;
    long idleSince = System.nanoTime();
    while (!closed) {
      Job j = job;
      if (j != seen) {
        seen = j;
        work(j, thread);
        idleSince = System.nanoTime();
      } else if (System.nanoTime() - idleSince < IDLE_SPIN_NANOS) {
        Thread.yield();
      } else {
        // flag, then look once more: either run() sees the flag or this sees its job
        parked.set(thread - 1, 1);
        if (job == seen && !closed) {
          LockSupport.park(this);
        }
        parked.set(thread - 1, 0);
      }
    }
  }

  /** One job: a new object each time, so that a late thread cannot take items of the next one. */
  private static final class Job {
    final Task task;
    final int items;
    final Thread caller;
    final AtomicInteger next = new AtomicInteger();
    final AtomicInteger done = new AtomicInteger();
    volatile Throwable failure;

    Job(Task task, int items, Thread caller) {
      this.task = task;
      this.items = items;
      this.caller = caller;
    }
  }
}
