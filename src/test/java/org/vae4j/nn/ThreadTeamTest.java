package org.vae4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ThreadTeamTest {
  @Test
  void runsEveryItemOnceOnAValidThread() {
    for (int threads = 1; threads <= 3; threads++) {
      try (ThreadTeam team = new ThreadTeam(threads, "test")) {
        for (int items : new int[] {0, 1, 2, 7, 1000}) {
          for (int job = 0; job < 20; job++) {
            AtomicIntegerArray runs = new AtomicIntegerArray(items);
            int size = team.size();
            team.run(items, (item, thread) -> {
              assertThat(thread).isBetween(0, size - 1);
              runs.incrementAndGet(item);
            });
            for (int i = 0; i < items; i++) {
              assertThat(runs.get(i)).as("runs of item %d of %d, %d threads", i, items, size).isEqualTo(1);
            }
          }
        }
      }
    }
  }

  @Test
  void rethrowsAFailureOnceAllItemsAreDone() {
    try (ThreadTeam team = new ThreadTeam(2, "test")) {
      AtomicIntegerArray runs = new AtomicIntegerArray(100);
      assertThatThrownBy(() -> team.run(100, (item, thread) -> {
        runs.incrementAndGet(item);
        if (item == 50) {
          throw new IllegalArgumentException("item 50");
        }
      })).isInstanceOf(IllegalArgumentException.class).hasMessage("item 50");
      for (int i = 0; i < 100; i++) {
        assertThat(runs.get(i)).isEqualTo(1);
      }
      team.run(3, (item, thread) -> { }); // still usable
    }
  }

  @Test
  void refusesJobsOnceClosed() {
    ThreadTeam team = new ThreadTeam(2, "test");
    team.close();
    assertThatThrownBy(() -> team.run(1, (item, thread) -> { })).isInstanceOf(IllegalStateException.class);
  }
}
