package org.vae4j.cli;

import org.vae4j.UsageError;

/** Range checks of option values that picocli's types do not cover. */
final class OptionChecks {
  private OptionChecks() {}

  static int requirePositive(String option, int value) {
    if (value < 1) {
      throw new UsageError(option + " must be at least 1, got " + value);
    }
    return value;
  }
}
