package org.vae4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.data.TestData;
import org.vae4j.train.CheckpointFile;

/**
 * The claim, tested as stated: a training process killed with SIGKILL during an epoch and then
 * resumed ends with a model file byte-identical to that of an uninterrupted run with the same options.
 * With dynamic binarization, so that the batches' random pixels must continue exactly too. With --engine
 * java, whose two engines give the same bits: the child JVMs (C1 only) get java-autovec, this one java-vector,
 * whereas auto measures the engines in each JVM and may choose differently.
 */
class ResumeAfterKillTest {
  @TempDir
  Path dir;

  private static String[] trainArgs(Path out) {
    return new String[] {"train", "--data", TestData.mnistDir().toString(), "--out", out.toString(), "--train-images", "2000",
        "--test-images", "500", "--hidden", "64", "--batch", "32", "--epochs", "3", "--threads", "2",
        "--seed", "7", "--binarize", "dynamic", "--engine", "java"};
  }

  @Test
  void aRunKilledDuringAnEpochAndResumedWritesTheSameModelAsAnUninterruptedOne() throws Exception {
    Path whole = dir.resolve("whole");
    Path killed = dir.resolve("killed");

    Process victim = ChildProcess.start(dir.resolve("killed.log"), ChildProcess.command(trainArgs(killed)));
    Path checkpoint = killed.resolve("checkpoint.safetensors");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(checkpoint) && victim.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    victim.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no finally blocks
    assertThat(victim.waitFor()).as(Files.readString(dir.resolve("killed.log"))).isEqualTo(137);
    int epochsDone = CheckpointFile.load(checkpoint).state().epoch();
    assertThat(epochsDone).as("killed after the first checkpoint, before the end").isBetween(1, 2);

    int resumed = ChildProcess.run(dir.resolve("resumed.log"),
        ChildProcess.command("train", "--resume", killed.toString()));
    assertThat(resumed).as(Files.readString(dir.resolve("resumed.log"))).isZero();
    assertThat(Files.readString(dir.resolve("resumed.log"))).contains("resuming after epoch " + epochsDone);

    CliRun uninterrupted = CliRun.of(trainArgs(whole));
    assertThat(uninterrupted.exitCode()).as(uninterrupted.err()).isZero();

    assertThat(Arrays.equals(Files.readAllBytes(killed.resolve("model.safetensors")),
        Files.readAllBytes(whole.resolve("model.safetensors")))).as("model files byte-identical").isTrue();
    CheckpointFile.Checkpoint a = CheckpointFile.load(checkpoint);
    CheckpointFile.Checkpoint b = CheckpointFile.load(whole.resolve("checkpoint.safetensors"));
    assertThat(Arrays.equals(a.state().m(), b.state().m()) && Arrays.equals(a.state().v(), b.state().v())
        && Arrays.equals(a.state().rng(), b.state().rng()) && a.state().adamStep() == b.state().adamStep())
        .as("optimizer and RNG state identical too").isTrue();
    assertThat(epochs(killed)).isEqualTo(epochs(whole));
    try (var files = Files.list(killed)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("model.safetensors", "metrics.json", "checkpoint.safetensors");
    }
  }

  /** metrics.json's loss numbers (not the timings), epoch by epoch. */
  private static List<String> epochs(Path run) throws IOException {
    var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.resolve("metrics.json").toFile());
    List<String> out = new java.util.ArrayList<>();
    for (var e : root.get("epochs")) {
      out.add(e.get("epoch") + " " + e.get("train_nelbo") + " " + e.get("test_nelbo") + " " + e.get("test_kl"));
    }
    return out;
  }
}
