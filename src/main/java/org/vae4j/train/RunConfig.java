package org.vae4j.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.vae4j.InvalidSetting;
import org.vae4j.UserError;
import org.vae4j.data.Binarization;
import org.vae4j.model.ModelSpec;
import org.vae4j.model.ObjectiveSpec;

/**
 * Everything that defines a training run, as stored in its metrics.json ("config"), its checkpoint
 * ("options") and, in part, its model file: the dataset (its name, and the folder it was read from or null),
 * the model, the objective, the training options, the engine and threads, and the image counts used. Written
 * and read here only; files from before a field existed read its old default.
 */
public record RunConfig(String dataset, Path data, ModelSpec model, ObjectiveSpec objective, TrainOptions options,
                        int threads, String engine, int trainImages, int testImages, String java) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The same run with another epoch count: a finished run continued further. */
  public RunConfig withEpochs(int epochs) {
    return new RunConfig(dataset, data, model, objective, options.withEpochs(epochs), threads, engine, trainImages,
        testImages, java);
  }

  /**
   * Whether other trains the same model the same way on the same images: all equal but where the data was
   * read from, the engine, the threads and the JVM, which change neither the model nor (but for rounding)
   * its numbers.
   */
  public boolean sameTraining(RunConfig other) {
    return dataset.equals(other.dataset) && model.equals(other.model) && objective.equals(other.objective)
        && options.equals(other.options) && trainImages == other.trainImages && testImages == other.testImages;
  }

  /** The whole configuration as a flat JSON object, in the order people read it. */
  public ObjectNode toJson() {
    ObjectNode c = JSON.createObjectNode();
    c.put("dataset", dataset);
    model.writeTo(c);
    objective.writeTo(c);
    c.put("epochs", options.epochs());
    c.put("batch", options.batch());
    c.put("lr", options.learningRate());
    c.put("seed", options.seed());
    c.put("clip", options.clip());
    c.put("binarize", options.binarization().value());
    c.put("threads", threads);
    c.put("engine", engine);
    c.put("train_images", trainImages);
    c.put("test_images", testImages);
    c.put("data", data == null ? null : data.toAbsolutePath().toString());
    c.put("java", java);
    return c;
  }

  /** What a model file keeps of it beside the model's own fields: the data and how it was trained. */
  public ObjectNode modelFileEntries() {
    ObjectNode c = JSON.createObjectNode();
    c.put("dataset", dataset);
    objective.writeTo(c);
    c.put("epochs", options.epochs());
    c.put("batch", options.batch());
    c.put("lr", options.learningRate());
    c.put("seed", options.seed());
    c.put("binarize", options.binarization().value());
    return c;
  }

  /** A configuration as {@link #toJson} writes it; any problem is a one-line UserError naming the file. */
  public static RunConfig read(Path file, JsonNode c) {
    if (!c.isObject()) {
      throw new UserError(file + ": the run's configuration is missing");
    }
    try {
      TrainOptions options = new TrainOptions(integer(file, c, "epochs"), integer(file, c, "batch"),
          number(file, c, "lr"), c.path("seed").asLong(), c.has("clip") ? number(file, c, "clip") : 0,
          Binarization.parse(c.path("binarize").asText(Binarization.NONE.value())));
      JsonNode data = c.path("data");
      ModelSpec model = ModelSpec.read(file, c);
      model.architecture(); // the kind checks its sizes
      return new RunConfig(text(file, c, "dataset"), data.isTextual() ? Path.of(data.asText()) : null,
          model, ObjectiveSpec.read(file, c), options, integer(file, c, "threads"),
          text(file, c, "engine"), integer(file, c, "train_images"), integer(file, c, "test_images"),
          c.path("java").asText(""));
    } catch (InvalidSetting e) {
      throw new UserError(file + ": stored " + e.setting() + " " + e.problem());
    }
  }

  private static int integer(Path file, JsonNode c, String name) {
    JsonNode v = c.get(name);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new UserError(file + ": the stored options lack " + name + " (or it is not an integer)");
    }
    return v.asInt();
  }

  private static double number(Path file, JsonNode c, String name) {
    JsonNode v = c.get(name);
    if (v == null || !v.isNumber()) {
      throw new UserError(file + ": the stored options lack " + name + " (or it is not a number)");
    }
    return v.asDouble();
  }

  private static String text(Path file, JsonNode c, String name) {
    JsonNode v = c.get(name);
    if (v == null || !v.isTextual()) {
      throw new UserError(file + ": the stored options lack " + name);
    }
    return v.asText();
  }
}
