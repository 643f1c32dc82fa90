package org.vae4j.train;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vae4j.UserError;
import org.vae4j.model.Vae;
import org.vae4j.nn.SafeTensors;

/**
 * checkpoint.safetensors: what a run needs to continue exactly where an epoch ended. Tensors: "params",
 * "adam.m", "adam.v", each (P) in the model's parameter-block order. Metadata "checkpoint": a JSON string
 * {"format": "vae4j-checkpoint", "version": 2, "epoch", "adam_step", "rng": [4 longs], "options": {the
 * {@link RunConfig}, whose "kind" names the model}, "metrics": [...], "order": [N ints]}. Version 1, from
 * before there were model kinds, is the same without "kind" (an MLP) and still loads. Written atomically,
 * so a kill leaves the previous checkpoint.
 */
public final class CheckpointFile {
  public static final String FORMAT = "vae4j-checkpoint";
  public static final int VERSION = 2;
  private static final String PARAMS = "params";
  private static final String ADAM_M = "adam.m";
  private static final String ADAM_V = "adam.v";
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private CheckpointFile() {}

  /**
   * A loaded checkpoint: parameters (P), the trainer's state, the run's configuration and its metrics so far.
   * The parameters were checked to fit the configuration's model.
   */
  public record Checkpoint(float[] params, TrainState state, RunConfig config, List<EpochMetrics> metrics) {}

  public static void save(Path file, Vae vae, TrainState state, RunConfig config, List<EpochMetrics> metrics) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    root.put("epoch", state.epoch());
    root.put("adam_step", state.adamStep());
    ArrayNode rng = root.putArray("rng");
    for (long s : state.rng()) {
      rng.add(s);
    }
    root.set("options", config.toJson());
    ArrayNode epochs = root.putArray("metrics");
    for (EpochMetrics m : metrics) {
      epochs.add(MetricsFile.toJson(m));
    }
    ArrayNode order = root.putArray("order");
    for (int i : state.order()) {
      order.add(i);
    }
    int p = vae.parameters().size();
    Map<String, SafeTensors.Entry> tensors = new LinkedHashMap<>();
    tensors.put(PARAMS, new SafeTensors.Entry(new int[] {p}, vae.parameters().values()));
    tensors.put(ADAM_M, new SafeTensors.Entry(new int[] {p}, state.m()));
    tensors.put(ADAM_V, new SafeTensors.Entry(new int[] {p}, state.v()));
    SafeTensors.write(file, tensors, Map.of("checkpoint", root.toString()));
  }

  /** Reads and checks a checkpoint; any problem is a one-line UserError naming the file. */
  public static Checkpoint load(Path file) {
    SafeTensors.Contents contents = SafeTensors.read(file);
    String text = contents.metadata().get("checkpoint");
    if (text == null) {
      throw bad(file, "no checkpoint metadata; is this a vae4j checkpoint?");
    }
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw bad(file, "the checkpoint metadata is not valid JSON");
    }
    if (!root.isObject() || !FORMAT.equals(root.path("format").asText())) {
      throw bad(file, "the metadata does not describe a " + FORMAT);
    }
    int version = root.path("version").asInt(-1);
    if (version != 1 && version != VERSION) {
      throw bad(file, "checkpoint version " + root.path("version") + " is not supported; this vae4j reads 1 and "
          + VERSION);
    }
    float[] params = vector(file, contents, PARAMS);
    float[] m = vector(file, contents, ADAM_M);
    float[] v = vector(file, contents, ADAM_V);
    if (m.length != params.length || v.length != params.length || contents.tensors().size() != 3) {
      throw bad(file, "expected the tensors params, adam.m and adam.v of equal size");
    }
    for (float value : params) {
      if (!Float.isFinite(value)) {
        throw bad(file, "holds a NaN or infinite parameter");
      }
    }
    int epoch = nonNegativeInt(file, root, "epoch");
    long step = root.path("adam_step").isIntegralNumber() ? root.path("adam_step").asLong() : -1;
    JsonNode rngNode = root.path("rng");
    if (step < 0 || !rngNode.isArray() || rngNode.size() != 4) {
      throw bad(file, "adam_step or rng missing or invalid");
    }
    long[] rng = new long[4];
    for (int i = 0; i < 4; i++) {
      if (!rngNode.get(i).isIntegralNumber() || !rngNode.get(i).canConvertToLong()) {
        throw bad(file, "rng state is not four 64-bit integers");
      }
      rng[i] = rngNode.get(i).asLong();
    }
    JsonNode options = root.path("options");
    if (!options.isObject()) {
      throw bad(file, "options missing");
    }
    RunConfig config = RunConfig.read(file, options);
    long size = config.model().architecture().parameterCount();
    if (size != params.length) {
      throw bad(file, "holds " + params.length + " parameters, but its options describe a model of " + size);
    }
    return new Checkpoint(params, new TrainState(epoch, step, m, v, rng, order(file, root.path("order"))),
        config, metrics(file, root.path("metrics"), epoch));
  }

  private static float[] vector(Path file, SafeTensors.Contents contents, String name) {
    SafeTensors.Entry entry = contents.tensors().get(name);
    if (entry == null || entry.shape().length != 1) {
      throw bad(file, "tensor " + name + " is missing or not a vector");
    }
    return entry.data();
  }

  /** The order must be a permutation of 0..N-1, or batches would index outside the training set. */
  private static int[] order(Path file, JsonNode node) {
    if (!node.isArray() || node.isEmpty()) {
      throw bad(file, "the training order is missing");
    }
    int[] order = new int[node.size()];
    boolean[] seen = new boolean[order.length];
    for (int i = 0; i < order.length; i++) {
      JsonNode e = node.get(i);
      int k = e.isIntegralNumber() && e.canConvertToInt() ? e.asInt() : -1;
      if (k < 0 || k >= order.length || seen[k]) {
        throw bad(file, "the training order is not a permutation of 0.." + (order.length - 1));
      }
      seen[k] = true;
      order[i] = k;
    }
    return order;
  }

  private static List<EpochMetrics> metrics(Path file, JsonNode node, int epochs) {
    if (!node.isArray() || node.size() != epochs) {
      throw bad(file, "expected the metrics of " + epochs + " epochs");
    }
    List<EpochMetrics> list = new ArrayList<>();
    for (JsonNode e : node) {
      list.add(MetricsFile.epoch(e, list.size() + 1));
    }
    return list;
  }

  private static int nonNegativeInt(Path file, JsonNode root, String name) {
    JsonNode value = root.path(name);
    if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 0) {
      throw bad(file, name + " missing or invalid");
    }
    return value.asInt();
  }

  private static UserError bad(Path file, String problem) {
    return new UserError(file + ": not a valid vae4j checkpoint: " + problem);
  }
}
