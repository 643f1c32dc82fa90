package org.vae4j.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vae4j.AtomicFile;

/**
 * metrics.json of a run: {"config": {...}, "epochs": [{"epoch": 1, "train_nelbo": ..., ...}, ...]}, in
 * nats per image. Rewritten atomically after every epoch, so it always parses.
 */
public final class MetricsFile {
  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT);
  private final Path file;
  private final Map<String, Object> config;
  private final List<EpochMetrics> epochs = new ArrayList<>();

  public MetricsFile(Path file, Map<String, Object> config) {
    this(file, config, List.of());
  }

  /** Continues a resumed run's file after its earlier epochs. */
  public MetricsFile(Path file, Map<String, Object> config, List<EpochMetrics> earlier) {
    this.file = file;
    this.config = new LinkedHashMap<>(config);
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
}
