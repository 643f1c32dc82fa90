package org.vae4j.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
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
import org.vae4j.nn.Parameters;
import org.vae4j.nn.SafeTensors;
import org.vae4j.nn.Tensor;

/**
 * What the model files share: a parameter block as safetensors, its tensors named like a PyTorch
 * state_dict, and a JSON config under the metadata key "config" that starts with the format's name and
 * version. Loading checks names and shapes against the layout the config announces before allocating
 * anything for it; every problem is a one-line UserError that names the file.
 */
final class ParameterFile {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private ParameterFile() {}

  /** A config holding "format" and "version", for the caller to add its sizes to. */
  static ObjectNode newConfig(String format, int version) {
    ObjectNode config = JSON.createObjectNode();
    config.put("format", format);
    config.put("version", version);
    return config;
  }

  /** Adds every entry of extra to config, each value as JSON. */
  static void putAll(ObjectNode config, Map<String, ?> extra) {
    extra.forEach((k, v) -> config.set(k, JSON.valueToTree(v)));
  }

  /** Writes every tensor of params in block order, and config, atomically. */
  static void save(Path file, Parameters params, ObjectNode config) {
    Map<String, SafeTensors.Entry> tensors = new LinkedHashMap<>();
    for (Tensor t : params.tensors()) {
      float[] data = Arrays.copyOfRange(params.values(), t.offset(), t.offset() + t.size());
      tensors.put(t.name(), new SafeTensors.Entry(t.shape(), data));
    }
    SafeTensors.write(file, tensors, Map.of("config", config.toString()));
  }

  /** The config of a file read with SafeTensors, checked to be a JSON object of this format and version. */
  static JsonNode config(Path file, SafeTensors.Contents contents, String format, int version) {
    String text = contents.metadata().get("config");
    if (text == null) {
      throw new UserError(file + ": no config in the metadata; is this a vae4j model file?");
    }
    JsonNode config;
    try {
      config = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UserError(file + ": the config in the metadata is not valid JSON");
    }
    if (!config.isObject() || !format.equals(config.path("format").asText())) {
      throw new UserError(file + ": the config does not describe a " + format + " model");
    }
    if (config.path("version").asInt(-1) != version) {
      throw new UserError(file + ": model format version " + abbreviate(config.path("version").toString())
          + " is not supported; this vae4j reads version " + version);
    }
    return config;
  }

  /** When the config has "rows" or "cols", both must be there and make the input size. */
  static void checkPixels(Path file, JsonNode config, int input) {
    if (config.has("rows") || config.has("cols")) {
      long pixels = (long) intField(file, config, "rows") * intField(file, config, "cols");
      if (pixels != input) {
        throw new UserError(file + ": config says " + config.get("rows") + " x " + config.get("cols")
            + " pixels but an input of " + input);
      }
    }
  }

  /** The tensors' values in parameter-block order, after checking names and shapes against the layout. */
  static float[] checkedValues(Path file, List<Tensor> layout, Map<String, SafeTensors.Entry> tensors) {
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

  static int intField(Path file, JsonNode config, String name) {
    JsonNode value = config.get(name);
    if (value == null || !value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 1) {
      throw new UserError(file + ": config field '" + name + "' must be a positive integer, got "
          + (value == null ? "nothing" : abbreviate(value.toString())));
    }
    return value.asInt();
  }

  /** Text from a file for a one-line message: control characters replaced, at most 80 characters. */
  static String abbreviate(String text) {
    String oneLine = text.replaceAll("\\p{Cntrl}", "?");
    return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
  }
}
