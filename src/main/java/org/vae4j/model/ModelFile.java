package org.vae4j.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import org.vae4j.InvalidSetting;
import org.vae4j.UserError;
import org.vae4j.nn.Gemm;
import org.vae4j.nn.Parallel;
import org.vae4j.nn.SafeTensors;

/**
 * A VAE as a safetensors file: tensors named and shaped like the PyTorch state_dict of the same module
 * tree, and the configuration as a JSON string under the metadata key "config": format "vae4j-vae", version
 * 2, the model's {@link ModelSpec} ("kind", "rows", "cols", "input", "hidden", "latent", and "classes" and
 * "channels" when the kind has them), its "likelihood" and "layers" (derived from the kind, for runtimes
 * that do not know the kinds), the parameters' "sha256", and what the caller adds (the dataset, how it was
 * trained). Version 1 files (format "vae4j-mlp-vae", written before there were kinds) are MLP models and
 * load as such.
 */
public final class ModelFile {
  public static final String FORMAT = "vae4j-vae";
  public static final int VERSION = 2;
  /** The model file's name in a run folder. */
  public static final String NAME = "model.safetensors";
  static final String FORMAT_1 = "vae4j-mlp-vae";

  private ModelFile() {}

  /** Saves the parameters and the config, then every field of extra (e.g. the dataset, training options). */
  public static void save(Path file, Vae vae, ObjectNode extra) {
    Architecture architecture = vae.architecture();
    ObjectNode config = ParameterFile.newConfig(FORMAT, VERSION);
    architecture.spec().writeTo(config);
    config.put("likelihood", architecture.likelihood().name());
    ParameterFile.putAll(config, Map.of("layers", architecture.describe()));
    config.setAll(extra);
    ParameterFile.save(file, vae.parameters(), config);
  }

  /** A loaded model and its full configuration (the JSON object stored in the file). */
  public record Loaded(Vae vae, JsonNode config) {}

  /**
   * Loads a model file. Every tensor's shape is checked against the config before the model is allocated,
   * so a config that announces a huge model is refused, not allocated; any problem is a one-line UserError.
   */
  public static Loaded load(Path file, Gemm gemm) {
    return load(file, gemm, Parallel.SERIAL);
  }

  /** As above, with the model's element-wise work split over parallel's threads. */
  public static Loaded load(Path file, Gemm gemm, Parallel parallel) {
    SafeTensors.Contents contents = SafeTensors.read(file);
    JsonNode config = ParameterFile.config(file, contents);
    Architecture architecture = architectureOf(file, config);
    float[] values = ParameterFile.checkedValues(file, config, architecture.layout(), contents.tensors());
    Vae vae = new Vae(architecture, gemm, parallel);
    System.arraycopy(values, 0, vae.parameters().values(), 0, values.length);
    return new Loaded(vae, config);
  }

  /** The architecture a model file's config announces, checked; a version 1 file is an MLP model. */
  public static Architecture architectureOf(Path file, JsonNode config) {
    String format = config.path("format").asText();
    if (format.equals(FORMAT_1)) {
      ParameterFile.checkVersion(file, config, 1);
    } else if (format.equals(FORMAT)) {
      ParameterFile.checkVersion(file, config, VERSION);
    } else {
      throw new UserError(file + ": the config does not describe a vae4j model (format '"
          + ParameterFile.abbreviate(format) + "')");
    }
    try {
      return ModelSpec.read(file, config).architecture();
    } catch (InvalidSetting e) {
      throw new UserError(file + ": config field '" + e.setting() + "' " + e.problem());
    }
  }
}
