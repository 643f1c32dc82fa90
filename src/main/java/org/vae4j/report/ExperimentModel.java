package org.vae4j.report;

import java.util.ArrayList;
import java.util.List;
import org.vae4j.model.ModelSpec;
import org.vae4j.model.ObjectiveSpec;

/**
 * One model configuration an experiment compares: its model and objective, its folder under the
 * experiment's and the label of its column. The lab reports' models keep their short names (d2, "d = 2").
 */
public record ExperimentModel(ModelSpec model, ObjectiveSpec objective) {
  /** The folder name, e.g. "d20", "cvae-d20", "d20-beta4", "d20-iwae5", "conv-d20-c64x128". */
  public String folder() {
    List<String> parts = new ArrayList<>();
    if (!model.kind().equals("mlp")) {
      parts.add(model.kind());
    }
    parts.add("d" + model.latent());
    if (model.hidden() != model.modelKind().defaultHidden()) {
      parts.add("h" + model.hidden());
    }
    if (!model.channels().equals(model.modelKind().defaultChannels())) {
      parts.add("c" + channels());
    }
    if (objective.name().equals(ObjectiveSpec.IWAE)) {
      parts.add("iwae" + objective.k());
    } else if (objective.beta() != 1) {
      parts.add("beta" + number(objective.beta()));
    }
    if (objective.klWarmup() > 0) {
      parts.add("warmup" + objective.klWarmup());
    }
    return String.join("-", parts);
  }

  /** The column's heading, e.g. "d = 20", "cvae, d = 20", "IWAE K = 5, d = 20", "conv, channels 64x128, d = 20". */
  public String label() {
    List<String> parts = new ArrayList<>();
    if (!model.kind().equals("mlp")) {
      parts.add(model.kind());
    }
    if (objective.name().equals(ObjectiveSpec.IWAE)) {
      parts.add("IWAE K = " + objective.k());
    } else if (objective.beta() != 1) {
      parts.add("\u03b2 = " + number(objective.beta()));
    }
    if (objective.klWarmup() > 0) {
      parts.add("warm-up " + objective.klWarmup());
    }
    if (model.hidden() != model.modelKind().defaultHidden()) {
      parts.add("H = " + model.hidden());
    }
    if (!model.channels().equals(model.modelKind().defaultChannels())) {
      parts.add("channels " + channels());
    }
    parts.add("d = " + model.latent());
    return String.join(", ", parts);
  }

  /** The convolution widths joined by x, e.g. "32x64". */
  private String channels() {
    return String.join("x", model.channels().stream().map(String::valueOf).toList());
  }

  private static String number(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }
}
