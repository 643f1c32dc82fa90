package org.vae4j.model;

import org.vae4j.UsageError;

/** The shape of a VAE: input pixels P -> hidden H (ReLU) -> latent d, and back. */
public record VaeConfig(int input, int hidden, int latent) {
  public VaeConfig {
    requirePositive("input", input);
    checkSizes(hidden, latent);
  }

  /** Checks the user-chosen sizes, so that a command can reject them before loading any data. */
  public static void checkSizes(int hidden, int latent) {
    requirePositive("hidden", hidden);
    requirePositive("latent", latent);
  }

  private static void requirePositive(String name, int value) {
    if (value < 1) {
      throw new UsageError("--" + name + " must be at least 1, got " + value);
    }
  }
}
