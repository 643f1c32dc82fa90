package org.vae4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.file.Path;
import org.vae4j.InvalidSetting;
import org.vae4j.PathCheck;
import org.vae4j.UserError;
import org.vae4j.data.Binarization;
import org.vae4j.data.Dataset;
import org.vae4j.data.DatasetProvider;
import org.vae4j.data.FolderOptions;
import org.vae4j.model.ModelFile;
import org.vae4j.model.ObjectiveSpec;
import org.vae4j.nn.Gemm;
import org.vae4j.nn.Parallel;
import org.vae4j.train.RunConfig;
import org.vae4j.train.TrainingRun;

/** A folder written by 'vae4j train', as the commands that read one (--model DIR) need it. */
final class RunFolder {
  private RunFolder() {}

  /** The model of --model dir; a missing file is a one-line error naming the option. */
  static ModelFile.Loaded model(Path dir, Gemm gemm, Parallel parallel) {
    Path modelFile = dir.resolve(TrainingRun.MODEL_FILE);
    PathCheck.requireFile(modelFile, "--model " + dir + ": no " + TrainingRun.MODEL_FILE + " there");
    return ModelFile.load(modelFile, gemm, parallel);
  }

  /**
   * The dataset the model was trained on (from dataDir if given; a folder of images from where it was, read as
   * it was), checked against its image size; config is the model file's.
   */
  static Dataset dataset(JsonNode config, Path modelFile, Path dataDir, PrintStream log) {
    String name = config.path("dataset").asText("mnist");
    FolderOptions folder = RunConfig.folder(modelFile, config);
    Dataset data = DatasetProvider.load(name, dataDir != null || folder == null ? dataDir
        : Path.of(config.get("data").asText()), folder, log);
    int rows = config.path("rows").asInt(data.test().rows());
    int cols = config.path("cols").asInt(data.test().cols());
    if (rows != data.test().rows() || cols != data.test().cols()) {
      throw new UserError("the model was trained on " + rows + "x" + cols + " images, the " + name
          + " test set has " + data.test().rows() + "x" + data.test().cols());
    }
    return data;
  }

  /** The binarization the model was trained with (models from before the option: none). */
  static Binarization binarization(JsonNode config, Path modelFile) {
    String value = config.path("binarize").asText(Binarization.NONE.value());
    try {
      return Binarization.parse(value);
    } catch (InvalidSetting e) {
      throw new UserError(modelFile + ": config field 'binarize' " + e.problem());
    }
  }

  /** The objective the model was trained on (models from before objectives: the plain -ELBO). */
  static ObjectiveSpec objective(JsonNode config, Path modelFile) {
    return ObjectiveSpec.read(modelFile, config);
  }
}
