package org.vae4j.model;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.UserError;
import org.vae4j.nn.ReferenceGemm;
import org.vae4j.nn.SafeTensors;

/** Model files whose config is missing, invalid or at odds with the tensors: one line each, no large allocation. */
class ModelFileMalformedTest {
  @TempDir
  Path dir;

  /** A small valid model's tensors, saved with the given config string. */
  private Path withConfig(String config) {
    Vae vae = new Vae(TestModels.mlp(6, 4, 2).architecture(), new ReferenceGemm());
    Path file = dir.resolve("m.safetensors");
    ModelFile.save(file, vae, TestModels.json());
    SafeTensors.Contents contents = SafeTensors.read(file);
    SafeTensors.write(file, contents.tensors(), config == null ? Map.of() : Map.of("config", config));
    return file;
  }

  private static void assertRejected(Path file, String message) {
    assertThatThrownBy(() -> ModelFile.load(file, new ReferenceGemm())).isExactlyInstanceOf(UserError.class)
        .hasMessageStartingWith(file.toString()).hasMessageContaining(message).hasMessageNotContaining("\n");
  }

  @Test
  void rejectsAMissingConfig() {
    assertRejected(withConfig(null), "no config in the metadata");
  }

  @Test
  void rejectsAConfigThatIsNotJsonOrNotOurs() {
    assertRejected(withConfig("{\"format\": "), "not valid JSON");
    assertRejected(withConfig("[1]"), "not a JSON object");
    assertRejected(withConfig("{\"format\":\"other\"}"), "does not describe a vae4j model (format 'other')");
    assertRejected(withConfig("{\"format\":\"vae4j-vae\",\"version\":1}"), "version 1 is not supported");
    assertRejected(withConfig("{\"format\":\"vae4j-mlp-vae\",\"version\":9}"), "version 9 is not supported");
    assertRejected(withConfig("{\"format\":\"vae4j-mlp-vae\",\"version\":1,\"version\":1,\"input\":6}"),
        "not valid JSON");
  }

  @Test
  void rejectsInvalidSizes() {
    String head = "{\"format\":\"vae4j-mlp-vae\",\"version\":1,";
    assertRejected(withConfig(head + "\"input\":6,\"hidden\":4}"), "'latent' must be a positive integer, got nothing");
    assertRejected(withConfig(head + "\"input\":6,\"hidden\":-4,\"latent\":2}"), "'hidden' must be a positive integer");
    assertRejected(withConfig(head + "\"input\":6,\"hidden\":4.5,\"latent\":2}"), "'hidden' must be a positive integer");
    assertRejected(withConfig(head + "\"input\":6,\"hidden\":\"4\",\"latent\":2}"), "'hidden' must be a positive integer");
    assertRejected(withConfig(head + "\"input\":6,\"hidden\":4,\"latent\":2,\"rows\":2,\"cols\":2}"),
        "2 x 2 pixels but an input of 6");
  }

  /** A config announcing a model of billions of parameters is compared with the tensors, never allocated. */
  @Test
  void rejectsAConfigAtOddsWithTheTensorsWithoutAllocatingIt() {
    Path file = withConfig("{\"format\":\"vae4j-mlp-vae\",\"version\":1,\"input\":6,\"hidden\":2000000000,"
        + "\"latent\":2000000000}");
    assertRejected(file, "config field 'hidden' 2,000,000,000 with latent 2,000,000,000 makes a model of");
  }

  @Test
  void rejectsTensorsOfTheWrongShapeForTheConfig() {
    Path file = withConfig("{\"format\":\"vae4j-mlp-vae\",\"version\":1,\"input\":6,\"hidden\":4,\"latent\":3}");
    assertRejected(file, "encoder.mean.weight has shape [2, 4], the config needs [3, 4]");
  }

  @Test
  void unexpectedTensorNamesAreQuotedOnOneLine() {
    Vae vae = new Vae(TestModels.mlp(6, 4, 2).architecture(), new ReferenceGemm());
    Path file = dir.resolve("m.safetensors");
    ModelFile.save(file, vae, TestModels.json());
    SafeTensors.Contents contents = SafeTensors.read(file);
    Map<String, SafeTensors.Entry> tensors = new LinkedHashMap<>(contents.tensors());
    tensors.put("evil\nname", new SafeTensors.Entry(new int[] {1}, new float[1]));
    SafeTensors.write(file, tensors, contents.metadata());
    assertRejected(file, "unexpected tensors [evil?name]");
  }
}
