package org.vae4j.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import org.vae4j.UserError;
import org.vae4j.nn.Gemm;
import org.vae4j.nn.SafeTensors;

/**
 * A digit classifier as a safetensors file: tensors "hidden1.weight" (H1, P), "hidden1.bias" (H1), "hidden2.*",
 * "output.*" as in a PyTorch state_dict, and the configuration as a JSON string under the metadata key
 * "config".
 */
public final class ClassifierFile {
  public static final String FORMAT = "vae4j-mlp-classifier";
  public static final int VERSION = 1;

  private ClassifierFile() {}

  /**
   * Saves the parameters; config holds "format", "version", "input", "hidden1", "hidden2", "classes", then
   * every entry of extra (e.g. image rows and cols, the training data's checksum, the test accuracy).
   */
  public static void save(Path file, DigitClassifier classifier, Map<String, ?> extra) {
    ClassifierConfig shape = classifier.config();
    ObjectNode config = ParameterFile.newConfig(FORMAT, VERSION);
    config.put("input", shape.input());
    config.put("hidden1", shape.hidden1());
    config.put("hidden2", shape.hidden2());
    config.put("classes", shape.classes());
    ParameterFile.putAll(config, extra);
    ParameterFile.save(file, classifier.parameters(), config);
  }

  /** A loaded classifier and its full configuration (the JSON object stored in the file). */
  public record Loaded(DigitClassifier classifier, JsonNode config) {}

  /**
   * Loads a classifier file. Every tensor's shape is checked against the config before the model is
   * allocated; any problem is a one-line UserError naming the file.
   */
  public static Loaded load(Path file, Gemm gemm) {
    SafeTensors.Contents contents = SafeTensors.read(file);
    JsonNode config = ParameterFile.config(file, contents, FORMAT, VERSION);
    int input = ParameterFile.intField(file, config, "input");
    ParameterFile.checkPixels(file, config, input);
    int classes = ParameterFile.intField(file, config, "classes");
    if (classes < 2) {
      throw new UserError(file + ": config field 'classes' must be at least 2, got " + classes);
    }
    ClassifierConfig shape = new ClassifierConfig(input, ParameterFile.intField(file, config, "hidden1"),
        ParameterFile.intField(file, config, "hidden2"), classes);
    float[] values = ParameterFile.checkedValues(file, config, DigitClassifier.layout(shape), contents.tensors());
    DigitClassifier classifier = new DigitClassifier(shape, gemm);
    System.arraycopy(values, 0, classifier.parameters().values(), 0, values.length);
    return new Loaded(classifier, config);
  }
}
