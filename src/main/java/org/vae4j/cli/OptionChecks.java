package org.vae4j.cli;

import org.vae4j.UsageError;

/** Range checks of option values that picocli's types do not cover. */
final class OptionChecks {
  private OptionChecks() {}

  /** More threads than this only cost: thousands of them take minutes to start and warn on stderr. */
  static final int MAX_THREADS = 256;

  static int requirePositive(String option, int value) {
    if (value < 1) {
      throw new UsageError(option + " must be at least 1, got " + value);
    }
    return value;
  }

  /** --threads: at least 1, at most {@link #MAX_THREADS}. */
  static int requireThreads(int threads) {
    requirePositive("--threads", threads);
    if (threads > MAX_THREADS) {
      throw new UsageError("--threads must be at most " + MAX_THREADS + " (this machine has "
          + Runtime.getRuntime().availableProcessors() + " cores), got " + threads);
    }
    return threads;
  }
}
