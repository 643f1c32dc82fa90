package org.vae4j.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import org.vae4j.nn.Gemm;
import org.vae4j.nn.Parallel;
import org.vae4j.nn.SafeTensors;

/**
 * A VAE as a safetensors file: tensors named and shaped like the PyTorch state_dict of the same module
 * tree, and the configuration as a JSON string under the metadata key "config".
 */
public final class ModelFile {
  public static final String FORMAT = "vae4j-mlp-vae";
  public static final int VERSION = 1;

  private ModelFile() {}

  /**
   * Saves the parameters; config holds "format", "version", "input", "hidden", "latent", then every
   * entry of extra (e.g. image rows and cols, the dataset, training options).
   */
  public static void save(Path file, Vae vae, Map<String, ?> extra) {
    ObjectNode config = ParameterFile.newConfig(FORMAT, VERSION);
    config.put("input", vae.config().input());
    config.put("hidden", vae.config().hidden());
    config.put("latent", vae.config().latent());
    ParameterFile.putAll(config, extra);
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
    JsonNode config = ParameterFile.config(file, contents, FORMAT, VERSION);
    VaeConfig shape = configOf(file, config);
    float[] values = ParameterFile.checkedValues(file, Vae.layout(shape), contents.tensors());
    Vae vae = new Vae(shape, gemm, parallel);
    System.arraycopy(values, 0, vae.parameters().values(), 0, values.length);
    return new Loaded(vae, config);
  }

  /** The sizes a config announces; rows x cols, when present, must make the input size. */
  static VaeConfig configOf(Path file, JsonNode config) {
    int input = ParameterFile.intField(file, config, "input");
    int hidden = ParameterFile.intField(file, config, "hidden");
    int latent = ParameterFile.intField(file, config, "latent");
    ParameterFile.checkPixels(file, config, input);
    return new VaeConfig(input, hidden, latent);
  }
}
