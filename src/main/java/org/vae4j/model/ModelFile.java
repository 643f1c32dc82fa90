package org.vae4j.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.vae4j.UserError;
import org.vae4j.nn.Gemm;
import org.vae4j.nn.Parameters;
import org.vae4j.nn.SafeTensors;
import org.vae4j.nn.Tensor;

/**
 * A VAE as a safetensors file: tensors named and shaped like the PyTorch state_dict of the same module
 * tree, and the configuration as a JSON string under the metadata key "config".
 */
public final class ModelFile {
  public static final String FORMAT = "vae4j-mlp-vae";
  public static final int VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  private ModelFile() {}

  /**
   * Saves the parameters; config holds "format", "version", "input", "hidden", "latent", then every
   * entry of extra (e.g. image rows and cols, the dataset, training options).
   */
  public static void save(Path file, Vae vae, Map<String, ?> extra) {
    ObjectNode config = JSON.createObjectNode();
    config.put("format", FORMAT);
    config.put("version", VERSION);
    config.put("input", vae.config().input());
    config.put("hidden", vae.config().hidden());
    config.put("latent", vae.config().latent());
    extra.forEach((k, v) -> config.set(k, JSON.valueToTree(v)));
    Parameters params = vae.parameters();
    Map<String, SafeTensors.Entry> tensors = new LinkedHashMap<>();
    for (Tensor t : params.tensors()) {
      float[] data = Arrays.copyOfRange(params.values(), t.offset(), t.offset() + t.size());
      tensors.put(t.name(), new SafeTensors.Entry(t.shape(), data));
    }
    SafeTensors.write(file, tensors, Map.of("config", config.toString()));
  }

  /** A loaded model and its full configuration (the JSON object stored in the file). */
  public record Loaded(Vae vae, JsonNode config) {}

  public static Loaded load(Path file, Gemm gemm) {
    SafeTensors.Contents contents = SafeTensors.read(file);
    JsonNode config = parseConfig(file, contents.metadata().get("config"));
    Vae vae = new Vae(new VaeConfig(
        intField(file, config, "input"), intField(file, config, "hidden"), intField(file, config, "latent")), gemm);
    Parameters params = vae.parameters();
    Set<String> unexpected = new java.util.LinkedHashSet<>(contents.tensors().keySet());
    for (Tensor t : params.tensors()) {
      SafeTensors.Entry entry = contents.tensors().get(t.name());
      if (entry == null) {
        throw new UserError(file + ": tensor " + t.name() + " is missing");
      }
      if (!Arrays.equals(entry.shape(), t.shape())) {
        throw new UserError(file + ": tensor " + t.name() + " has shape " + Arrays.toString(entry.shape())
            + ", the config needs " + Arrays.toString(t.shape()));
      }
      System.arraycopy(entry.data(), 0, params.values(), t.offset(), t.size());
      unexpected.remove(t.name());
    }
    if (!unexpected.isEmpty()) {
      throw new UserError(file + ": unexpected tensors " + unexpected);
    }
    return new Loaded(vae, config);
  }

  private static JsonNode parseConfig(Path file, String text) {
    if (text == null) {
      throw new UserError(file + ": no config in the metadata; is this a vae4j model file?");
    }
    JsonNode config;
    try {
      config = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UserError(file + ": the config in the metadata is not valid JSON");
    }
    if (!config.isObject() || !FORMAT.equals(config.path("format").asText())) {
      throw new UserError(file + ": the config does not describe a " + FORMAT + " model");
    }
    if (config.path("version").asInt(-1) != VERSION) {
      throw new UserError(file + ": model format version " + config.path("version")
          + " is not supported; this vae4j reads version " + VERSION);
    }
    return config;
  }

  private static int intField(Path file, JsonNode config, String name) {
    JsonNode value = config.get(name);
    if (value == null || !value.canConvertToInt() || value.asInt() < 1) {
      throw new UserError(file + ": config field '" + name + "' must be a positive integer, got " + value);
    }
    return value.asInt();
  }
}
