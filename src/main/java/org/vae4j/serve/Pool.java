package org.vae4j.serve;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Objects that hold workspaces (model views, classifiers), lent to one request at a time: a request never
 * sees another's buffers. A request that waits longer than the limit for one is answered 503.
 */
final class Pool<T> {
  private final BlockingQueue<T> idle;
  private final long waitMillis;

  Pool(List<T> items, long waitMillis) {
    this.idle = new ArrayBlockingQueue<>(items.size(), false, items);
    this.waitMillis = waitMillis;
  }

  <R> R with(Function<T, R> job) {
    T item;
    try {
      item = idle.poll(waitMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiError(503, "the server is stopping");
    }
    if (item == null) {
      throw new ApiError(503, "busy: no model workspace came free within " + waitMillis + " ms; try again");
    }
    try {
      return job.apply(item);
    } finally {
      idle.add(item);
    }
  }
}
