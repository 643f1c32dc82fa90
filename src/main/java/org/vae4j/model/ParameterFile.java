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
import org.vae4j.data.Sha256;
import org.vae4j.nn.Parameters;
import org.vae4j.nn.SafeTensors;
import org.vae4j.nn.Tensor;

/**
 * What the model files share: a parameter block as safetensors, its tensors named like a PyTorch
 * state_dict, and a JSON config under the metadata key "config" that starts with the format's name and
 * version and holds, under "sha256", the SHA-256 of the parameters (their little-endian float bytes in
 * state_dict order), so that a changed byte is caught. Loading checks names, shapes and that checksum against
 * what the config announces before allocating anything for it; every problem is a one-line UserError that
 * names the file.
 */
final class ParameterFile {
  static final String CHECKSUM = "sha256";
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

  /** Writes every tensor of params in block order, and config with the parameters' checksum, atomically. */
  static void save(Path file, Parameters params, ObjectNode config) {
    Map<String, SafeTensors.Entry> tensors = new LinkedHashMap<>();
    for (Tensor t : params.tensors()) {
      float[] data = Arrays.copyOfRange(params.values(), t.offset(), t.offset() + t.size());
      tensors.put(t.name(), new SafeTensors.Entry(t.shape(), data));
    }
    config.put(CHECKSUM, Sha256.ofFloats(params.values(), 0, params.size()));
    SafeTensors.write(file, tensors, Map.of("config", config.toString()));
  }

  /** The config of a file read with SafeTensors, checked to be a JSON object. */
  static JsonNode config(Path file, SafeTensors.Contents contents) {
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
    if (!config.isObject()) {
      throw new UserError(file + ": the config in the metadata is not a JSON object");
    }
    return config;
  }

  /** The config of a file read with SafeTensors, checked to be of this format and version. */
  static JsonNode config(Path file, SafeTensors.Contents contents, String format, int version) {
    JsonNode config = config(file, contents);
    if (!format.equals(config.path("format").asText())) {
      throw new UserError(file + ": the config does not describe a " + format + " model");
    }
    checkVersion(file, config, version);
    return config;
  }

  /** Refuses a version other than the given ones. */
  static void checkVersion(Path file, JsonNode config, int... versions) {
    int version = config.path("version").asInt(-1);
    if (Arrays.stream(versions).noneMatch(v -> v == version)) {
      throw new UserError(file + ": model format version " + abbreviate(config.path("version").toString())
          + " is not supported; this vae4j reads version" + (versions.length > 1 ? "s " : " ")
          + String.join(" and ", Arrays.stream(versions).mapToObj(String::valueOf).toList()));
    }
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

  /**
   * The tensors' values in parameter-block order, after checking names and shapes against the layout and,
   * when the config holds one, the checksum.
   */
  static float[] checkedValues(Path file, JsonNode config, List<Tensor> layout, Map<String, SafeTensors.Entry> tensors) {
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
    JsonNode expected = config.get(CHECKSUM);
    if (expected != null) {
      String actual = Sha256.ofFloats(values, 0, values.length);
      if (!actual.equals(expected.asText())) {
        throw new UserError(file + ": the parameters do not match the checksum in the config (SHA-256 "
            + actual.substring(0, 12) + "..., recorded " + abbreviate(expected.asText()) + "); the file is damaged");
      }
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
