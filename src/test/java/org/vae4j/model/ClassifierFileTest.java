package org.vae4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.UserError;
import org.vae4j.nn.ReferenceGemm;
import org.vae4j.nn.Rng;
import org.vae4j.nn.SafeTensors;

class ClassifierFileTest {
  @TempDir
  Path dir;

  @Test
  void savedClassifierLoadsBackIdenticallyWithPyTorchNamesAndShapes() {
    DigitClassifier classifier = new DigitClassifier(new ClassifierConfig(784, 16, 8, 10), new ReferenceGemm());
    classifier.init(new Rng(3));
    Path file = dir.resolve("classifier.safetensors");
    ClassifierFile.save(file, classifier, Map.of("rows", 28, "cols", 28, "test_accuracy", 0.75));

    SafeTensors.Contents raw = SafeTensors.read(file);
    assertThat(raw.tensors().keySet()).containsExactly("hidden1.weight", "hidden1.bias", "hidden2.weight",
        "hidden2.bias", "output.weight", "output.bias");
    assertThat(raw.tensors().get("hidden1.weight").shape()).containsExactly(16, 784);
    assertThat(raw.tensors().get("hidden2.weight").shape()).containsExactly(8, 16);
    assertThat(raw.tensors().get("output.weight").shape()).containsExactly(10, 8);
    assertThat(raw.tensors().get("output.bias").shape()).containsExactly(10);

    ClassifierFile.Loaded loaded = ClassifierFile.load(file, new ReferenceGemm());
    assertThat(loaded.classifier().config()).isEqualTo(classifier.config());
    assertThat(loaded.classifier().parameters().values()).isEqualTo(classifier.parameters().values());
    assertThat(loaded.config().get("format").asText()).isEqualTo("vae4j-mlp-classifier");
    assertThat(loaded.config().get("test_accuracy").asDouble()).isEqualTo(0.75);
  }

  @Test
  void rejectsOtherModelsAndTensorsAtOddsWithTheConfig() {
    Vae vae = new Vae(TestModels.mlp(6, 4, 2).architecture(), new ReferenceGemm());
    Path vaeFile = dir.resolve("vae.safetensors");
    ModelFile.save(vaeFile, vae, TestModels.json());
    assertRejected(vaeFile, "does not describe a vae4j-mlp-classifier model");

    DigitClassifier classifier = new DigitClassifier(new ClassifierConfig(6, 4, 3, 2), new ReferenceGemm());
    Path file = dir.resolve("c.safetensors");
    ClassifierFile.save(file, classifier, Map.of());
    SafeTensors.Contents contents = SafeTensors.read(file);
    Map<String, SafeTensors.Entry> tensors = new LinkedHashMap<>(contents.tensors());
    tensors.put("hidden2.bias", new SafeTensors.Entry(new int[] {5}, new float[5]));
    SafeTensors.write(file, tensors, contents.metadata());
    assertRejected(file, "hidden2.bias has shape [5], the config needs [3]");

    SafeTensors.write(file, contents.tensors(), Map.of("config",
        "{\"format\":\"vae4j-mlp-classifier\",\"version\":1,\"input\":6,\"hidden1\":4,\"hidden2\":3,\"classes\":1}"));
    assertRejected(file, "'classes' must be at least 2, got 1");

    SafeTensors.write(file, contents.tensors(), Map.of("config",
        "{\"format\":\"vae4j-mlp-classifier\",\"version\":1,\"input\":6,\"hidden1\":4,\"hidden2\":3,\"classes\":2,"
            + "\"rows\":2,\"cols\":2}"));
    assertRejected(file, "2 x 2 pixels but an input of 6");
  }

  private static void assertRejected(Path file, String message) {
    assertThatThrownBy(() -> ClassifierFile.load(file, new ReferenceGemm())).isExactlyInstanceOf(UserError.class)
        .hasMessageStartingWith(file.toString()).hasMessageContaining(message).hasMessageNotContaining("\n");
  }
}
