package org.vae4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.data.TestData;
import org.vae4j.train.CheckpointFile;

/**
 * Longer training: a finished run continued with a higher --epochs ends with the same model bytes as a run
 * of that many epochs from the start (here 2 then 4 epochs on 300 MNIST images).
 */
class ResumeLongerTest {
  @TempDir
  Path dir;

  private static String[] trainArgs(Path out, int epochs) {
    return new String[] {"train", "--data", TestData.mnistDir().toString(), "--out", out.toString(),
        "--train-images", "300", "--test-images", "100", "--hidden", "32", "--latent", "4", "--batch", "32",
        "--epochs", String.valueOf(epochs), "--threads", "2", "--seed", "3"};
  }

  @Test
  void aFinishedRunContinuedToMoreEpochsEqualsARunOfThatLengthFromTheStart() throws Exception {
    Path continued = dir.resolve("continued");
    CliRun first = CliRun.of(trainArgs(continued, 2));
    assertThat(first.exitCode()).as(first.err()).isZero();
    byte[] afterTwo = Files.readAllBytes(continued.resolve("model.safetensors"));

    CliRun further = CliRun.of("train", "--resume", continued.toString(), "--epochs", "4");
    assertThat(further.exitCode()).as(further.err()).isZero();

    Path whole = dir.resolve("whole");
    CliRun fromStart = CliRun.of(trainArgs(whole, 4));
    assertThat(fromStart.exitCode()).as(fromStart.err()).isZero();

    byte[] model = Files.readAllBytes(continued.resolve("model.safetensors"));
    assertThat(Arrays.equals(model, afterTwo)).as("two more epochs changed the model").isFalse();
    assertThat(Arrays.equals(model, Files.readAllBytes(whole.resolve("model.safetensors"))))
        .as("model.safetensors of 2 + 2 epochs and of 4 epochs byte-identical").isTrue();
    assertThat(CheckpointFile.load(continued.resolve("checkpoint.safetensors")).state().epoch()).isEqualTo(4);
  }
}
