package org.vae4j.cli;

import java.util.List;
import java.util.Locale;
import org.vae4j.InvalidSetting;
import org.vae4j.UserError;
import org.vae4j.data.ImageSet;
import org.vae4j.model.ModelKind;
import org.vae4j.model.ModelKinds;
import org.vae4j.model.ModelSpec;
import org.vae4j.model.ObjectiveSpec;

/**
 * A model as the command line chooses it, before the data says its image size and classes: its kind, its
 * latent and hidden sizes and its convolution widths (null: the kind's default), and its objective. The
 * experiment reads a list of them, each written KIND[:KEY=VALUE...] with the keys of train's options (latent,
 * hidden, channels, objective, beta, kl-warmup, k), e.g. "mlp:beta=4", "mlp:objective=iwae:k=5" or
 * "conv:channels=64x128:hidden=256" (channels joined by x, as the comma separates entries).
 */
record ModelChoice(String kind, Integer latent, Integer hidden, List<Integer> channels, ObjectiveSpec objective) {
  /** K of the IWAE objective when none is given. */
  static final int DEFAULT_K = 5;

  ModelChoice {
    ModelKinds.named(kind);
    if (latent != null) {
      InvalidSetting.atLeast("latent", latent, 1);
    }
    if (hidden != null) {
      InvalidSetting.atLeast("hidden", hidden, 1);
    }
    if (channels != null) {
      channels = List.copyOf(channels);
      if (channels.isEmpty()) {
        throw new InvalidSetting("channels", "must list at least one width");
      }
      for (int c : channels) {
        InvalidSetting.atLeast("channels", c, 1);
      }
      if (ModelKinds.named(kind).defaultChannels().isEmpty()) {
        throw new InvalidSetting("channels", "are the widths of convolutions, which the " + kind + " model has none of");
      }
    }
  }

  /** The objective named, with its settings: k defaults to {@link #DEFAULT_K} for iwae, 1 for elbo. */
  static ObjectiveSpec objective(String name, double beta, int klWarmup, Integer k) {
    return new ObjectiveSpec(name, beta, klWarmup, k != null ? k : name.equals(ObjectiveSpec.IWAE) ? DEFAULT_K : 1);
  }

  /** One entry of --models, e.g. "cvae:latent=2" or "mlp:objective=iwae:k=5"; option names it in errors. */
  static ModelChoice parse(String entry, String option) {
    String[] parts = entry.split(":");
    String kind = parts[0].strip();
    Integer latent = null;
    Integer hidden = null;
    List<Integer> channels = null;
    String objective = ObjectiveSpec.ELBO;
    double beta = 1;
    int warmup = 0;
    Integer k = null;
    for (int i = 1; i < parts.length; i++) {
      String[] kv = parts[i].split("=", 2);
      if (kv.length != 2) {
        throw new InvalidSetting(option, "entry '" + entry + "': '" + parts[i] + "' is not KEY=VALUE");
      }
      String key = kv[0].strip().toLowerCase(Locale.ROOT);
      String value = kv[1].strip();
      switch (key) {
        case "latent" -> latent = integer(option, entry, key, value);
        case "hidden" -> hidden = integer(option, entry, key, value);
        case "channels" -> channels = widths(option, entry, value);
        case "objective" -> objective = value;
        case "beta" -> beta = number(option, entry, key, value);
        case "kl-warmup" -> warmup = integer(option, entry, key, value);
        case "k" -> k = integer(option, entry, key, value);
        default -> throw new InvalidSetting(option, "entry '" + entry + "': unknown key '" + key
            + "'; the keys are latent, hidden, channels, objective, beta, kl-warmup and k");
      }
    }
    try {
      return new ModelChoice(kind, latent, hidden, channels, objective(objective, beta, warmup, k));
    } catch (InvalidSetting e) {
      throw new InvalidSetting(option, "entry '" + entry + "': " + e.setting().replace('_', '-') + " "
          + e.problem());
    }
  }

  /** This choice with the given latent size when it has none of its own. */
  ModelChoice withDefaultLatent(int d) {
    return latent != null ? this : new ModelChoice(kind, d, hidden, channels, objective);
  }

  /** This choice with the given hidden width when it has none of its own. */
  ModelChoice withDefaultHidden(Integer h) {
    return hidden != null || h == null ? this : new ModelChoice(kind, latent, h, channels, objective);
  }

  /** The model for images like train's, conditioned on its classes when the kind is conditional. */
  ModelSpec spec(ImageSet train) {
    if (ModelKinds.named(kind).conditional() && !train.hasLabels()) {
      throw new UserError("the conditional model " + kind + " needs labelled images, and these have none (a folder "
          + "of images takes its labels from its class folders)");
    }
    return spec(train.rows(), train.cols(), train.classes());
  }

  /** The model for rows x cols images of the given classes (used when the kind is conditional). */
  ModelSpec spec(int rows, int cols, int classes) {
    ModelKind modelKind = ModelKinds.named(kind);
    return new ModelSpec(kind, rows, cols, modelKind.conditional() ? classes : 0, latent, hidden != null ? hidden
        : modelKind.defaultHidden(), channels != null ? channels : modelKind.defaultChannels());
  }

  /** Widths joined by x, e.g. "32x64" (a comma would end the entry). */
  private static List<Integer> widths(String option, String entry, String value) {
    List<Integer> widths = new java.util.ArrayList<>();
    for (String w : value.split("x", -1)) {
      widths.add(integer(option, entry, "channels", w.strip()));
    }
    return widths;
  }

  private static int integer(String option, String entry, String key, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new InvalidSetting(option, "entry '" + entry + "': " + key + " must be an integer, got '" + value + "'");
    }
  }

  private static double number(String option, String entry, String key, String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new InvalidSetting(option, "entry '" + entry + "': " + key + " must be a number, got '" + value + "'");
    }
  }
}
