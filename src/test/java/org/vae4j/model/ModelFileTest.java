package org.vae4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.UserError;
import org.vae4j.nn.ReferenceGemm;
import org.vae4j.nn.Rng;
import org.vae4j.nn.SafeTensors;

class ModelFileTest {
  @TempDir
  Path dir;

  @Test
  void savedModelLoadsBackIdenticallyWithPyTorchNamesAndShapes() {
    Vae vae = new Vae(TestModels.mlp(784, 16, 3).architecture(), new ReferenceGemm());
    vae.init(new Rng(3));
    Path file = dir.resolve("model.safetensors");
    ModelFile.save(file, vae, TestModels.json("dataset", "mnist"));

    SafeTensors.Contents raw = SafeTensors.read(file);
    assertThat(raw.tensors().keySet()).containsExactly(
        "encoder.hidden.weight", "encoder.hidden.bias", "encoder.mean.weight", "encoder.mean.bias",
        "encoder.logvar.weight", "encoder.logvar.bias", "decoder.hidden.weight", "decoder.hidden.bias",
        "decoder.output.weight", "decoder.output.bias");
    assertThat(raw.tensors().get("encoder.hidden.weight").shape()).containsExactly(16, 784);
    assertThat(raw.tensors().get("decoder.hidden.weight").shape()).containsExactly(16, 3);
    assertThat(raw.tensors().get("decoder.output.bias").shape()).containsExactly(784);

    ModelFile.Loaded loaded = ModelFile.load(file, new ReferenceGemm());
    assertThat(loaded.vae().spec()).isEqualTo(vae.spec());
    assertThat(loaded.vae().parameters().values()).isEqualTo(vae.parameters().values());
    assertThat(loaded.config().get("rows").asInt()).isEqualTo(28);
    assertThat(loaded.config().get("dataset").asText()).isEqualTo("mnist");
  }

  @Test
  void rejectsFilesThatAreNotVae4jModels() {
    Path file = dir.resolve("other.safetensors");
    SafeTensors.write(file, Map.of("w", new SafeTensors.Entry(new int[] {1}, new float[] {1})), Map.of());
    assertThatThrownBy(() -> ModelFile.load(file, new ReferenceGemm())).isInstanceOf(UserError.class)
        .hasMessageContaining("other.safetensors: no config");
  }

  @Test
  void rejectsTensorsThatDisagreeWithTheConfig() {
    Vae vae = new Vae(TestModels.mlp(10, 4, 2).architecture(), new ReferenceGemm());
    Path file = dir.resolve("m.safetensors");
    ModelFile.save(file, vae, TestModels.json());
    SafeTensors.Contents contents = SafeTensors.read(file);
    Map<String, SafeTensors.Entry> tensors = new LinkedHashMap<>(contents.tensors());
    tensors.put("encoder.mean.bias", new SafeTensors.Entry(new int[] {3}, new float[3]));
    SafeTensors.write(file, tensors, contents.metadata());
    assertThatThrownBy(() -> ModelFile.load(file, new ReferenceGemm()))
        .hasMessageContaining("encoder.mean.bias has shape [3], the config needs [2]");

    tensors.remove("encoder.mean.bias");
    SafeTensors.write(file, tensors, contents.metadata());
    assertThatThrownBy(() -> ModelFile.load(file, new ReferenceGemm()))
        .hasMessageContaining("encoder.mean.bias is missing");

    tensors.put("encoder.mean.bias", new SafeTensors.Entry(new int[] {2}, new float[2]));
    tensors.put("extra", new SafeTensors.Entry(new int[] {1}, new float[1]));
    SafeTensors.write(file, tensors, contents.metadata());
    assertThatThrownBy(() -> ModelFile.load(file, new ReferenceGemm()))
        .hasMessageContaining("unexpected tensors " + List.of("extra"));
  }

  /** A changed byte in the tensor data is caught by the checksum in the config, in one line. */
  @Test
  void aFlippedByteInTheParametersIsRefused() throws Exception {
    Vae vae = new Vae(TestModels.mlp(12, 6, 3).architecture(), new ReferenceGemm());
    vae.init(new Rng(3));
    Path file = dir.resolve("model.safetensors");
    ModelFile.save(file, vae, TestModels.json());
    byte[] bytes = java.nio.file.Files.readAllBytes(file);
    bytes[bytes.length - 5] ^= 0x10; // inside the last tensor's data
    java.nio.file.Files.write(file, bytes);
    assertThatThrownBy(() -> ModelFile.load(file, new ReferenceGemm())).isExactlyInstanceOf(UserError.class)
        .hasMessageStartingWith(file + ": the parameters do not match the checksum in the config")
        .hasMessageEndingWith("the file is damaged").hasMessageNotContaining("\n");
  }

  /** A file without a checksum (written before there was one) still loads. */
  @Test
  void aFileWithoutAChecksumLoads() {
    Vae vae = new Vae(TestModels.mlp(12, 6, 3).architecture(), new ReferenceGemm());
    vae.init(new Rng(3));
    Path file = dir.resolve("model.safetensors");
    ModelFile.save(file, vae, TestModels.json());
    SafeTensors.Contents contents = SafeTensors.read(file);
    String config = contents.metadata().get("config").replaceAll(",\"sha256\":\"[0-9a-f]{64}\"", "");
    assertThat(config).doesNotContain("sha256");
    SafeTensors.write(file, contents.tensors(), Map.of("config", config));
    assertThat(ModelFile.load(file, new ReferenceGemm()).vae().parameters().values())
        .containsExactly(vae.parameters().values());
  }
}
