package org.vae4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.model.ModelFile;
import org.vae4j.nn.ReferenceGemm;
import org.vae4j.nn.SafeTensors;
import org.vae4j.train.CheckpointFile;

/**
 * The train command's reliability rows, on a tiny made-up dataset of 4x4 images (no MNIST needed):
 * refusing to overwrite, resuming with the run's own options, diverging loudly, failing writes that keep
 * the earlier files.
 */
class TrainReliabilityTest {
  @TempDir
  Path dir;

  private Path data() throws IOException {
    return FakeData.write(dir.resolve("data"), 40, 4, 4);
  }

  /** train on data into out, small and quick; more adds options or replaces these defaults. */
  private static String[] args(Path data, Path out, String... more) {
    Map<String, String> options = new LinkedHashMap<>(Map.of("--hidden", "16", "--latent", "2", "--batch", "8",
        "--threads", "1", "--engine", "java", "--epochs", "1"));
    List<String> flags = new ArrayList<>();
    for (int i = 0; i < more.length; i++) {
      if (more[i].equals("--force")) {
        flags.add(more[i]);
      } else {
        options.put(more[i], more[++i]);
      }
    }
    List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--out", out.toString()));
    options.forEach((k, v) -> args.addAll(List.of(k, v)));
    args.addAll(flags);
    return args.toArray(String[]::new);
  }

  private static void assertOneLine(String err) {
    assertThat(err.strip()).doesNotContain("\n").doesNotContain("\tat ");
  }

  /**
   * The determinism docs/reliability.md states: same options, thread count and engine give the same model
   * bytes; the pure-Java engines give the same bytes for any thread count, and as each other; the native
   * one per thread count.
   */
  @Test
  void sameSeedThreadsAndEngineGiveIdenticalModels() throws IOException {
    Path data = FakeData.write(dir.resolve("data"), 96, 16, 16); // products big enough to be split
    java.util.function.BiFunction<String, String, byte[]> model = (engine, threads) -> {
      Path out = dir.resolve(engine + "-" + threads + "-" + System.nanoTime());
      CliRun run = CliRun.of(args(data, out, "--engine", engine, "--threads", threads, "--batch", "48",
          "--hidden", "64", "--epochs", "2"));
      assertThat(run.exitCode()).as(run.err()).isZero();
      try {
        return Files.readAllBytes(out.resolve("model.safetensors"));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    };
    assertThat(model.apply("auto", "2")).isEqualTo(model.apply("auto", "2"));
    byte[] java = model.apply("java", "1"); // java-vector: the tests run with the Vector API
    assertThat(model.apply("java", "2")).isEqualTo(java);
    assertThat(model.apply("java-autovec", "2")).as("the two pure-Java engines").isEqualTo(java);
  }

  @Test
  void anOutFolderHoldingAModelIsNotOverwrittenWithoutForce() throws IOException {
    Path data = data();
    Path out = dir.resolve("run");
    assertThat(CliRun.of(args(data, out)).exitCode()).isZero();
    byte[] model = Files.readAllBytes(out.resolve("model.safetensors"));

    CliRun again = CliRun.of(args(data, out, "--seed", "2"));
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.err()).contains("--out " + out + " already holds a model").contains("--force")
        .contains("--resume");
    assertOneLine(again.err());
    assertThat(Files.readAllBytes(out.resolve("model.safetensors"))).isEqualTo(model);

    CliRun forced = CliRun.of(args(data, out, "--seed", "2", "--force"));
    assertThat(forced.exitCode()).as(forced.err()).isZero();
    assertThat(Files.readAllBytes(out.resolve("model.safetensors"))).isNotEqualTo(model);
  }

  @Test
  void resumeTakesTheRunsOptionsAndRefusesConflictingOnes() throws IOException {
    Path data = data();
    Path out = dir.resolve("run");
    assertThat(CliRun.of(args(data, out, "--lr", "0.002", "--epochs", "2")).exitCode()).isZero();

    CliRun conflict = CliRun.of("train", "--resume", out.toString(), "--lr", "0.005");
    assertThat(conflict.exitCode()).isEqualTo(2);
    assertThat(conflict.err()).contains("--lr 0.005 conflicts with the run in " + out).contains("--lr 0.002");
    assertOneLine(conflict.err());

    CliRun fewer = CliRun.of("train", "--resume", out.toString(), "--epochs", "1");
    assertThat(fewer.exitCode()).isEqualTo(2);
    assertThat(fewer.err()).contains("--epochs 1: the run in " + out + " already holds 2 epochs");
    assertOneLine(fewer.err());

    CliRun otherOut = CliRun.of("train", "--resume", out.toString(), "--out", dir.resolve("x").toString());
    assertThat(otherOut.exitCode()).isEqualTo(2);
    assertThat(otherOut.err()).contains("--out");

    CliRun withForce = CliRun.of("train", "--resume", out.toString(), "--force");
    assertThat(withForce.exitCode()).isEqualTo(2);
    assertThat(withForce.err()).contains("--force and --resume");

    // Agreeing options are fine; the run is complete, so there is nothing left to do.
    CliRun done = CliRun.of("train", "--resume", out.toString(), "--lr", "2e-3", "--hidden", "16");
    assertThat(done.exitCode()).as(done.err()).isZero();
    assertThat(done.out()).contains("nothing to do");
  }

  @Test
  void resumeWithoutACheckpointOrWithACorruptOneIsOneLine() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    CliRun none = CliRun.of("train", "--resume", empty.toString());
    assertThat(none.exitCode()).isEqualTo(1);
    assertThat(none.err()).contains("--resume " + empty + ": no checkpoint.safetensors");
    assertOneLine(none.err());

    Files.write(empty.resolve("checkpoint.safetensors"), new byte[] {9, 0, 0, 0, 0, 0, 0, 0, '{', '}'});
    CliRun corrupt = CliRun.of("train", "--resume", empty.toString());
    assertThat(corrupt.exitCode()).isEqualTo(1);
    assertThat(corrupt.err()).contains(empty.resolve("checkpoint.safetensors").toString());
    assertOneLine(corrupt.err());
  }

  @Test
  void resumingOnImagesOfAnotherSizeThanTheModelsIsRefused() throws IOException {
    Path out = dir.resolve("run");
    assertThat(CliRun.of(args(data(), out, "--epochs", "2")).exitCode()).isZero();
    // Make it a run of 3 epochs with one to go, as if it had been stopped.
    Path checkpoint = out.resolve("checkpoint.safetensors");
    SafeTensors.Contents contents = SafeTensors.read(checkpoint);
    String meta = contents.metadata().get("checkpoint");
    assertThat(meta).contains("\"epochs\":2");
    SafeTensors.write(checkpoint, contents.tensors(),
        Map.of("checkpoint", meta.replace("\"epochs\":2", "\"epochs\":3")));
    Path bigger = FakeData.write(dir.resolve("bigger"), 40, 5, 5);
    CliRun run = CliRun.of("train", "--resume", out.toString(), "--data", bigger.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("checkpoint.safetensors").contains("16 pixels (4x4)").contains("5x5");
    assertOneLine(run.err());
  }

  @Test
  void testImagesOfAnotherSizeThanTheTrainingImagesAreRefused() throws IOException {
    Path data = data();
    FakeData.writeSet(data, "t10k", 40, 5, 5);
    CliRun run = CliRun.of(args(data, dir.resolve("run")));
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains(data.resolve("t10k-images-idx3-ubyte").toString()).contains("5x5")
        .contains("4x4");
    assertOneLine(run.err());
  }

  @Test
  void aHugeLearningRateStopsTrainingWithAClearMessageAndSavesNothing() throws IOException {
    Path out = dir.resolve("run");
    CliRun run = CliRun.of(args(data(), out, "--lr", "1e30"));
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("training stopped in epoch 1, batch").contains("is NaN")
        .contains("smaller --lr").contains("nothing was saved");
    assertOneLine(run.err());
    assertThat(out.resolve("model.safetensors")).doesNotExist();
    assertThat(out.resolve("checkpoint.safetensors")).doesNotExist();
  }

  @Test
  void binarizeIsAnOptionOfTheRunThatAResumeKeeps() throws IOException {
    Path data = data();
    Path dynamic = dir.resolve("dynamic");
    CliRun run = CliRun.of(args(data, dynamic, "--binarize", "dynamic", "--epochs", "2"));
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(new ObjectMapper().readTree(dynamic.resolve("metrics.json").toFile()).at("/config/binarize").asText())
        .isEqualTo("dynamic");
    CliRun conflict = CliRun.of("train", "--resume", dynamic.toString(), "--binarize", "static");
    assertThat(conflict.exitCode()).isEqualTo(2);
    assertThat(conflict.err()).contains("--binarize static conflicts with the run");

    Path grey = dir.resolve("none");
    Path fixed = dir.resolve("static");
    assertThat(CliRun.of(args(data, grey, "--epochs", "2")).exitCode()).isZero();
    assertThat(CliRun.of(args(data, fixed, "--binarize", "static", "--epochs", "2")).exitCode()).isZero();
    byte[] none = Files.readAllBytes(grey.resolve("model.safetensors"));
    assertThat(Files.readAllBytes(fixed.resolve("model.safetensors"))).isNotEqualTo(none);
    assertThat(Files.readAllBytes(dynamic.resolve("model.safetensors"))).isNotEqualTo(none);

    CliRun bad = CliRun.of(args(data, dir.resolve("bad"), "--binarize", "half"));
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err().strip()).isEqualTo("vae4j train: --binarize must be none, dynamic or static, got 'half'");
  }

  /** A checkpoint written before --binarize existed has no "binarize": it resumes as the grey run it was. */
  @Test
  void aCheckpointFromBeforeBinarizeResumesOnGreyPixels() throws IOException {
    Path data = data();
    Path out = dir.resolve("old");
    assertThat(CliRun.of(args(data, out)).exitCode()).isZero();
    // Rewrite the 1-epoch checkpoint as an older vae4j would have: no binarize, and one epoch still to go.
    Path file = out.resolve("checkpoint.safetensors");
    SafeTensors.Contents contents = SafeTensors.read(file);
    ObjectNode root = (ObjectNode) new ObjectMapper().readTree(contents.metadata().get("checkpoint"));
    ObjectNode options = (ObjectNode) root.get("options");
    options.remove("binarize");
    options.put("epochs", 2);
    SafeTensors.write(file, contents.tensors(), Map.of("checkpoint", root.toString()));

    CliRun resumed = CliRun.of("train", "--resume", out.toString());

    assertThat(resumed.exitCode()).as(resumed.err()).isZero();
    assertThat(new ObjectMapper().readTree(out.resolve("metrics.json").toFile()).at("/config/binarize").asText())
        .isEqualTo("none");
  }

  @Test
  void clipIsAnOptionOfTheRunAndMustBePositive() throws IOException {
    Path data = data();
    Path out = dir.resolve("run");
    CliRun run = CliRun.of(args(data, out, "--clip", "0.5"));
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(new ObjectMapper().readTree(out.resolve("metrics.json").toFile()).at("/config/clip").asDouble())
        .isEqualTo(0.5);

    CliRun negative = CliRun.of(args(data, dir.resolve("other"), "--clip", "-1"));
    assertThat(negative.exitCode()).isEqualTo(2);
    assertThat(negative.err()).contains("--clip must be a positive number");
  }

  /**
   * A real write failure in a separate process: `ulimit -f` caps the size of any file it writes (the
   * kernel answers EFBIG, as it answers ENOSPC on a full disk), so the model of a --force run cannot be
   * written. The error names the file; the earlier run's files stay as they were, with no temporary files.
   */
  @Test
  void aFailedWriteIsOneLineAndKeepsTheEarlierFiles() throws Exception {
    Path data = data();
    Path out = dir.resolve("run");
    String[] big = args(data, out, "--hidden", "512", "--latent", "20"); // model ~190 kB, checkpoint ~570 kB
    assertThat(CliRun.of(big).exitCode()).isZero();
    List<byte[]> before = new ArrayList<>();
    for (String f : List.of("model.safetensors", "checkpoint.safetensors", "metrics.json")) {
      before.add(Files.readAllBytes(out.resolve(f)));
    }

    List<String> java = ChildProcess.command(args(data, out, "--hidden", "512", "--latent", "20", "--seed", "5",
        "--force"));
    List<String> limited = List.of("/bin/sh", "-c", "ulimit -f 100 && exec \"$@\"", "sh");
    List<String> command = new ArrayList<>(limited);
    command.addAll(java);
    Path log = dir.resolve("limited.log");
    int code = ChildProcess.run(log, command);
    String err = Files.readString(log);
    assertThat(code).as(err).isEqualTo(1);
    assertThat(err).contains("vae4j train: " + out.resolve("model.safetensors") + ": cannot write: File too large");
    assertThat(err).doesNotContain("\tat ");

    List<String> names = List.of("model.safetensors", "checkpoint.safetensors", "metrics.json");
    for (int i = 0; i < names.size(); i++) {
      assertThat(Files.readAllBytes(out.resolve(names.get(i)))).as(names.get(i)).isEqualTo(before.get(i));
    }
    try (var files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(names);
    }
    assertThat(ModelFile.load(out.resolve("model.safetensors"), new ReferenceGemm()).vae().spec().hidden())
        .isEqualTo(512);
  }
}
