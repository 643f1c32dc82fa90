package org.vae4j.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vae4j.UserError;
import org.vae4j.nn.Gemm;
import org.vae4j.nn.Parallel;
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
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

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
    JsonNode config = parseConfig(file, contents.metadata().get("config"));
    VaeConfig shape = configOf(file, config);
    float[] values = checkedValues(file, shape, contents.tensors());
    Vae vae = new Vae(shape, gemm, parallel);
    System.arraycopy(values, 0, vae.parameters().values(), 0, values.length);
    return new Loaded(vae, config);
  }

  /** The sizes a config announces; rows x cols, when present, must make the input size. */
  static VaeConfig configOf(Path file, JsonNode config) {
    int input = intField(file, config, "input");
    int hidden = intField(file, config, "hidden");
    int latent = intField(file, config, "latent");
    if (config.has("rows") || config.has("cols")) {
      long pixels = (long) intField(file, config, "rows") * intField(file, config, "cols");
      if (pixels != input) {
        throw new UserError(file + ": config says " + config.get("rows") + " x " + config.get("cols")
            + " pixels but an input of " + input);
      }
    }
    return new VaeConfig(input, hidden, latent);
  }

  /** The tensors' values in parameter-block order, after checking names and shapes against the config. */
  private static float[] checkedValues(Path file, VaeConfig shape, Map<String, SafeTensors.Entry> tensors) {
    List<Tensor> layout = Vae.layout(shape);
    long size = 0;
    for (Tensor t : layout) {
      SafeTensors.Entry entry = tensors.get(t.name());
      if (entry == null) {
        throw new UserError(file + ": tensor " + t.name() + " is missing");
      }
      if (!Arrays.equals(entry.shape(), t.shape())) {
        throw new UserError(file + ": tensor " + t.name() + " has shape " + abbreviate(Arrays.toString(entry.shape()))
            + ", the config needs " + Arrays.toString(t.shape()));
      }
      size += entry.data().length;
    }
    Set<String> unexpected = new LinkedHashSet<>(tensors.keySet());
    layout.forEach(t -> unexpected.remove(t.name()));
    if (!unexpected.isEmpty()) {
      throw new UserError(file + ": unexpected tensors " + abbreviate(unexpected.toString()));
    }
    float[] values = new float[(int) size]; // bounded by the file: every tensor was read from it
    for (Tensor t : layout) {
      float[] data = tensors.get(t.name()).data();
      System.arraycopy(data, 0, values, t.offset(), data.length);
    }
    return values;
  }

  private static String abbreviate(String text) {
    String oneLine = text.replaceAll("\\p{Cntrl}", "?");
    return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
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
      throw new UserError(file + ": model format version " + abbreviate(config.path("version").toString())
          + " is not supported; this vae4j reads version " + VERSION);
    }
    return config;
  }

  private static int intField(Path file, JsonNode config, String name) {
    JsonNode value = config.get(name);
    if (value == null || !value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 1) {
      throw new UserError(file + ": config field '" + name + "' must be a positive integer, got "
          + (value == null ? "nothing" : abbreviate(value.toString())));
    }
    return value.asInt();
  }
}
