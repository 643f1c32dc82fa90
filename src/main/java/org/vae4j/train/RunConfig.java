package org.vae4j.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Objects;
import org.vae4j.InvalidSetting;
import org.vae4j.UserError;
import org.vae4j.data.Binarization;
import org.vae4j.data.FolderOptions;
import org.vae4j.data.ImageSize;
import org.vae4j.model.ModelSpec;
import org.vae4j.model.ObjectiveSpec;

/**
 * Everything that defines a training run, as stored in its metrics.json ("config"), its checkpoint
 * ("options") and, in part, its model file: the dataset (its name, and the folder it was read from or null;
 * for a folder of image files, how it was read: "images", with the size and the test fraction), the model,
 * the objective, the training options, the engine and threads, and the image counts used. Written and read
 * here only; files from before a field existed read its old default.
 */
public record RunConfig(String dataset, Path data, FolderOptions folder, ModelSpec model, ObjectiveSpec objective,
                        TrainOptions options, int threads, String engine, int trainImages, int testImages, String java) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A run on a dataset of IDX files. */
  public RunConfig(String dataset, Path data, ModelSpec model, ObjectiveSpec objective, TrainOptions options,
                   int threads, String engine, int trainImages, int testImages, String java) {
    this(dataset, data, null, model, objective, options, threads, engine, trainImages, testImages, java);
  }

  /** The same run with another epoch count: a finished run continued further. */
  public RunConfig withEpochs(int epochs) {
    return new RunConfig(dataset, data, folder, model, objective, options.withEpochs(epochs), threads, engine,
        trainImages, testImages, java);
  }

  /**
   * Whether other trains the same model the same way on the same images: all equal but where the data was
   * read from, the engine, the threads and the JVM, which change neither the model nor (but for rounding)
   * its numbers.
   */
  public boolean sameTraining(RunConfig other) {
    return dataset.equals(other.dataset) && Objects.equals(folder, other.folder) && model.equals(other.model)
        && objective.equals(other.objective) && options.equals(other.options) && trainImages == other.trainImages && testImages == other.testImages;
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
    putFolder(c);
    c.put("java", java);
    return c;
  }

  /** For a folder of images: where it is and how it was read, which eval and figures need to read it again. */
  private void putFolder(ObjectNode c) {
    if (folder != null) {
      c.put("data", data.toAbsolutePath().toString());
      ObjectNode images = c.putObject("images");
      images.put("width", folder.size().width());
      images.put("height", folder.size().height());
      if (folder.testFraction() != null) {
        images.put("test_fraction", folder.testFraction());
      }
    }
  }

  /** The folder options a config holds under "images", or null (IDX files). */
  public static FolderOptions folder(Path file, JsonNode c) {
    JsonNode images = c.get("images");
    if (images == null) {
      return null;
    }
    if (!images.isObject() || !c.path("data").isTextual()) {
      throw new UserError(file + ": 'images' must be an object and 'data' the folder of the images");
    }
    try {
      return new FolderOptions(new ImageSize(integer(file, images, "width"), integer(file, images, "height")),
          images.has("test_fraction") ? number(file, images, "test_fraction") : null);
    } catch (InvalidSetting e) {
      throw new UserError(file + ": stored " + e.setting() + " " + e.problem());
    }
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
    putFolder(c);
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
          folder(file, c), model, ObjectiveSpec.read(file, c), options, integer(file, c, "threads"),
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
