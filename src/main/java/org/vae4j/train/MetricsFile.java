package org.vae4j.train;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vae4j.AtomicFile;
import org.vae4j.UserError;

/**
 * metrics.json of a run: {"config": {...}, "epochs": [{"epoch": 1, "train_nelbo": ..., ...}, ...],
 * "evaluation": {...}}, in nats per image. Rewritten atomically after every epoch, so it always parses.
 * The evaluation of the final model (./vae4j eval) is added afterwards; training again drops it, since it
 * no longer describes the model.
 */
public final class MetricsFile {
  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT);
  /** A run's metrics take kilobytes; the cap bounds what parsing a stray huge file could allocate. */
  static final long MAX_BYTES = 64L << 20;
  private final Path file;
  private final JsonNode config;
  private final List<EpochMetrics> epochs = new ArrayList<>();

  public MetricsFile(Path file, RunConfig config) {
    this(file, config, List.of());
  }

  /** Continues a resumed run's file after its earlier epochs. */
  public MetricsFile(Path file, RunConfig config, List<EpochMetrics> earlier) {
    this.file = file;
    this.config = config.toJson();
    this.epochs.addAll(earlier);
  }

  public void add(EpochMetrics metrics) {
    epochs.add(metrics);
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("config", config);
    root.put("epochs", epochs);
    try {
      AtomicFile.writeString(file, JSON.writeValueAsString(root) + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("metrics are always serializable", e);
    }
  }

  /** The epochs so far, oldest first. */
  public List<EpochMetrics> epochs() {
    return Collections.unmodifiableList(epochs);
  }

  /**
   * A metrics file as read back: its config object, its epochs (missing numbers are NaN) and its
   * evaluation (a missing node when the model has not been evaluated).
   */
  public record Recorded(JsonNode config, List<EpochMetrics> epochs, JsonNode evaluation) {
    /** Without an evaluation. */
    public Recorded(JsonNode config, List<EpochMetrics> epochs) {
      this(config, epochs, MissingNode.getInstance());
    }

    /** The sum of the epochs' training seconds (test evaluation excluded). */
    public double trainingSeconds() {
      return epochs.stream().mapToDouble(EpochMetrics::seconds).sum();
    }

    public EpochMetrics last() {
      return epochs.get(epochs.size() - 1);
    }
  }

  /** Reads a metrics.json; files from before a field existed read it as NaN. */
  public static Recorded read(Path file) {
    JsonNode root = readTree(file);
    JsonNode epochs = root == null ? null : root.get("epochs");
    if (epochs == null || !epochs.isArray() || epochs.isEmpty()) {
      throw new UserError(file + ": no epochs in the metrics; is this a vae4j metrics.json?");
    }
    List<EpochMetrics> list = new ArrayList<>();
    for (JsonNode e : epochs) {
      list.add(epoch(e, list.size() + 1));
    }
    return new Recorded(root.path("config"), list, root.path("evaluation"));
  }

  /** Puts evaluation into the metrics.json file, replacing an earlier one; atomically, like every write. */
  public static void writeEvaluation(Path file, JsonNode evaluation) {
    JsonNode root = readTree(file);
    if (!(root instanceof ObjectNode object) || !root.has("epochs")) {
      throw new UserError(file + ": no epochs in the metrics; is this a vae4j metrics.json?");
    }
    object.set("evaluation", evaluation);
    try {
      AtomicFile.writeString(file, JSON.writeValueAsString(object) + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree is always serializable", e);
    }
  }

  /** The JSON form of a value, with the file's naming (snake_case). */
  public static JsonNode toJsonTree(Object value) {
    return JSON.valueToTree(value);
  }

  /** A value read back from its {@link #toJsonTree} form. */
  public static <T> T fromJsonTree(JsonNode node, Class<T> type) throws JsonProcessingException {
    return JSON.treeToValue(node, type);
  }

  private static JsonNode readTree(Path file) {
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new UserError(file + ": " + size + " bytes, more than the " + MAX_BYTES + " a metrics file may have; "
            + "is this a vae4j metrics.json?");
      }
      return JSON.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      // Not getMessage(): Jackson puts the location on a line of its own.
      JsonLocation at = e.getLocation();
      throw new UserError(file + ": not valid JSON: " + e.getOriginalMessage() + (at == null ? ""
          : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    } catch (IOException e) {
      throw new UserError(file + ": cannot read the metrics: " + AtomicFile.reason(e));
    }
  }

  /** One epoch's entry as {@link #add} writes it. */
  static JsonNode toJson(EpochMetrics metrics) {
    return JSON.valueToTree(metrics);
  }

  /**
   * One epoch's entry as written by {@link #add}; its number defaults to the given one, and the objective's
   * values to the -ELBO's (files from before there were objectives trained on the plain -ELBO).
   */
  static EpochMetrics epoch(JsonNode e, int defaultNumber) {
    double trainNelbo = number(e, "train_nelbo");
    double testNelbo = number(e, "test_nelbo");
    return new EpochMetrics(e.path("epoch").asInt(defaultNumber), trainNelbo, testNelbo, number(e, "test_recon"),
        number(e, "test_kl"), number(e, "seconds"), number(e, "images_per_second"), number(e, "train_recon"),
        number(e, "train_kl"), e.has("train_objective") ? number(e, "train_objective") : trainNelbo,
        e.has("test_objective") ? number(e, "test_objective") : testNelbo);
  }

  private static double number(JsonNode epoch, String field) {
    JsonNode v = epoch.get(field);
    return v != null && v.isNumber() ? v.asDouble() : Double.NaN;
  }
}
