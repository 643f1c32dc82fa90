package org.vae4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.export.OnnxRuntimeSession;

/** vae4j export --format onnx on a trained run folder, and its one-line errors. */
class ExportCommandTest {
  @TempDir
  Path dir;

  @Test
  void writesBothFilesIntoTheRunsOnnxFolderByDefault() throws Exception {
    Path data = FakeData.write(dir.resolve("data"), 40, 4, 4);
    Path run = dir.resolve("run");
    CliRun train = CliRun.of("train", "--data", data.toString(), "--out", run.toString(), "--epochs", "1",
        "--hidden", "8", "--latent", "2", "--batch", "8", "--threads", "1");
    assertThat(train.exitCode()).as(train.err()).isZero();

    CliRun export = CliRun.of("export", "--model", run.toString());
    assertThat(export.exitCode()).as(export.err()).isZero();
    try (OnnxRuntimeSession decoder = new OnnxRuntimeSession(run.resolve("onnx/decoder.onnx"))) {
      assertThat(decoder.metadata()).containsEntry("image_shape", "1x4x4").containsEntry("latent", "2");
      float[] pixels = decoder.run(Map.of("z", new float[4]), 2, null).get("pixels");
      assertThat(pixels).hasSize(32);
      for (float p : pixels) {
        assertThat(p).isBetween(0f, 1f);
      }
    }
    assertThat(run.resolve("onnx/encoder.onnx")).isRegularFile();
  }

  @Test
  void anUnknownFormatOrAMissingModelIsOneLine() {
    CliRun format = CliRun.of("export", "--model", dir.toString(), "--format", "tflite");
    assertThat(format.exitCode()).isEqualTo(2);
    assertThat(format.err().strip()).isEqualTo("vae4j export: --format must be onnx, got 'tflite'");

    CliRun missing = CliRun.of("export", "--model", dir.toString(), "--out", dir.resolve("x").toString());
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err().strip()).startsWith("vae4j export: --model " + dir + ": no model.safetensors there");
    assertThat(Files.exists(dir.resolve("x"))).isFalse();
  }
}
