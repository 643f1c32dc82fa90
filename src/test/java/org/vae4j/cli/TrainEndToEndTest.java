package org.vae4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.data.TestData;
import org.vae4j.model.ModelFile;
import org.vae4j.nn.ReferenceGemm;

/** A short real training run on MNIST through the command line: the loss falls and the files parse. */
class TrainEndToEndTest {
  @TempDir
  Path dir;

  @Test
  void twoShortEpochsOnMnistWriteAModelAndFallingMetrics() throws IOException {
    Path mnist = TestData.mnistDir();
    Path out = dir.resolve("run");
    CliRun run = CliRun.of("train", "--data", mnist.toString(), "--out", out.toString(), "--epochs", "2",
        "--latent", "5", "--hidden", "64", "--train-images", "3000", "--test-images", "1000", "--seed", "3");
    assertThat(run.exitCode()).as(run.err()).isZero();

    JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
    assertThat(metrics.at("/config/latent").asInt()).isEqualTo(5);
    assertThat(metrics.at("/config/train_images").asInt()).isEqualTo(3000);
    JsonNode epochs = metrics.get("epochs");
    assertThat(epochs).hasSize(2);
    JsonNode first = epochs.get(0);
    JsonNode second = epochs.get(1);
    for (String field : new String[] {"train_nelbo", "test_nelbo", "test_recon", "test_kl", "seconds",
        "images_per_second"}) {
      assertThat(first.get(field).isNumber()).as(field).isTrue();
    }
    // An untrained model scores ~545 nats (784 log 2); a few hundred steps bring it well below.
    assertThat(first.get("train_nelbo").asDouble()).isBetween(150.0, 545.0);
    assertThat(second.get("test_nelbo").asDouble()).isLessThan(first.get("test_nelbo").asDouble());
    assertThat(second.get("train_nelbo").asDouble()).isLessThan(first.get("train_nelbo").asDouble());
    assertThat(first.get("test_nelbo").asDouble())
        .isCloseTo(first.get("test_recon").asDouble() + first.get("test_kl").asDouble(),
            org.assertj.core.data.Offset.offset(1e-6));

    ModelFile.Loaded model = ModelFile.load(out.resolve("model.safetensors"), new ReferenceGemm());
    assertThat(model.vae().latent()).isEqualTo(5);
    assertThat(model.vae().input()).isEqualTo(784);
    assertThat(model.config().get("dataset").asText()).isEqualTo("mnist");
    try (var files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("model.safetensors", "metrics.json", "checkpoint.safetensors"); // no temp files left behind
    }
  }
}
