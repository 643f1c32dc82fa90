package org.vae4j.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vae4j.InvalidSetting;
import org.vae4j.UserError;

/**
 * What a model is: its kind (see {@link ModelKinds}), the images it takes (rows x cols pixels), the labels
 * it is conditioned on (classes; 0 for none), its latent dimensions d, and the sizes its kind reads: hidden
 * (a hidden layer's width) and channels (convolution widths; empty for the MLP kinds). Its layers come from
 * {@link #architecture()}; model files and run configurations store it.
 */
public record ModelSpec(String kind, int rows, int cols, int classes, int latent, int hidden, List<Integer> channels) {
  public ModelSpec {
    ModelKinds.named(kind);
    InvalidSetting.atLeast("rows", rows, 1);
    InvalidSetting.atLeast("cols", cols, 1);
    InvalidSetting.atLeast("classes", classes, 0);
    InvalidSetting.atLeast("latent", latent, 1);
    InvalidSetting.atLeast("hidden", hidden, 1);
    if ((long) rows * cols > Integer.MAX_VALUE / 2) {
      throw new InvalidSetting("rows", "x cols must be below 2^30 pixels, got " + rows + " x " + cols);
    }
    channels = List.copyOf(channels);
    for (int c : channels) {
      InvalidSetting.atLeast("channels", c, 1);
    }
  }

  /** The lab reports' MLP VAE of the given sizes on MNIST-sized images. */
  public static ModelSpec mlp(int rows, int cols, int hidden, int latent) {
    return new ModelSpec(MlpVae.NAME, rows, cols, 0, latent, hidden, List.of());
  }

  /** P, the pixels of one image. */
  public int input() {
    return rows * cols;
  }

  public ModelKind modelKind() {
    return ModelKinds.named(kind);
  }

  /** Its sizes in a short form: "784-512-20", with the label "784+10-512-20", channels "784-32-64-16-20". */
  public String sizes() {
    String channelPart = channels.isEmpty() ? ""
        : String.join("-", channels.stream().map(String::valueOf).toList()) + "-";
    return input() + (classes > 0 ? "+" + classes : "") + "-" + channelPart + hidden + "-" + latent;
  }

  /** The most parameters a model may have: they live in one float array. */
  public static final long MAX_PARAMETERS = Integer.MAX_VALUE - 8;

  /**
   * The layers of a model of this spec, as its kind declares them; checks the sizes fit the kind and make
   * at most {@link #MAX_PARAMETERS} parameters.
   */
  public Architecture architecture() {
    Architecture architecture = modelKind().declare(this);
    // in double: a long sum of huge layers could wrap around
    double parameters = architecture.layers().stream().mapToDouble(l -> (double) l.parameterCount()).sum();
    if (parameters > MAX_PARAMETERS) {
      boolean byLatent = latent > hidden;
      throw new InvalidSetting(byLatent ? "latent" : "hidden", String.format(java.util.Locale.ROOT, "%,d with %s "
          + "%,d makes a model of %,.0f parameters; one float array holds at most %,d", byLatent ? latent : hidden,
          byLatent ? "hidden" : "latent", byLatent ? hidden : latent, parameters, MAX_PARAMETERS));
    }
    return architecture;
  }

  /** Writes the spec's fields into a file's JSON config: "classes" and "channels" only when the kind has them. */
  public void writeTo(ObjectNode config) {
    config.put("kind", kind);
    config.put("rows", rows);
    config.put("cols", cols);
    config.put("input", input());
    config.put("hidden", hidden);
    config.put("latent", latent);
    if (classes > 0) {
      config.put("classes", classes);
    }
    if (!channels.isEmpty()) {
      channels.forEach(config.putArray("channels")::add);
    }
  }

  /**
   * The spec in a file's JSON config, as {@link #writeTo} writes it; "kind" defaults to mlp (files from
   * before there were kinds), and rows x cols to 1 x input where a file has neither. Any problem is a
   * one-line UserError naming the file and the field.
   */
  public static ModelSpec read(Path file, JsonNode config) {
    String kind = config.path("kind").asText(MlpVae.NAME);
    int input = ParameterFile.intField(file, config, "input");
    ParameterFile.checkPixels(file, config, input);
    int rows = config.has("rows") ? ParameterFile.intField(file, config, "rows") : 1;
    int cols = config.has("cols") ? ParameterFile.intField(file, config, "cols") : input;
    int classes = config.has("classes") ? ParameterFile.intField(file, config, "classes") : 0;
    List<Integer> channels = new ArrayList<>();
    JsonNode array = config.path("channels");
    if (!array.isMissingNode()) {
      if (!array.isArray() || array.size() > 16) {
        throw new UserError(file + ": config field 'channels' must be a list of at most 16 positive integers");
      }
      for (JsonNode c : array) {
        if (!c.isIntegralNumber() || !c.canConvertToInt() || c.asInt() < 1) {
          throw new UserError(file + ": config field 'channels' must hold positive integers, got "
              + ParameterFile.abbreviate(array.toString()));
        }
        channels.add(c.asInt());
      }
    }
    try {
      return new ModelSpec(kind, rows, cols, classes, ParameterFile.intField(file, config, "latent"),
          ParameterFile.intField(file, config, "hidden"), channels);
    } catch (InvalidSetting e) {
      throw new UserError(file + ": config field '" + e.setting() + "' " + e.problem());
    }
  }
}
