package org.vae4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.DenyReads;
import org.vae4j.NamedPipe;

/**
 * The command line given, where it expects a file or a folder, something else: a file for a folder, a folder
 * for a file, a loop of symbolic links, a link to nothing, a named pipe, a file it may not read. Each is
 * one line naming the path and what is there, exit 1.
 */
class HostilePathsTest {
  @TempDir
  Path dir;

  private static final String[] TINY = {"--epochs", "1", "--hidden", "8", "--latent", "2", "--threads", "1",
      "--engine", "java"};

  private CliRun train(Path data, String... more) {
    List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--out",
        dir.resolve("out").toString(), "--force"));
    args.addAll(List.of(TINY));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  private static void assertOneLine(CliRun run, String expected) {
    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.err()).isEqualTo(expected + "\n");
  }

  @Test
  void dataOfTheWrongKind() throws Exception {
    Path file = Files.writeString(dir.resolve("file"), "x");
    Path loop = Files.createSymbolicLink(dir.resolve("loop"), dir.resolve("loop"));
    assertOneLine(train(file), "vae4j train: --data " + file + ": a file, not a folder");
    assertOneLine(train(loop), "vae4j train: --data " + loop + ": a loop of symbolic links");

    Path data = FakeData.write(dir.resolve("data"), 20, 4, 4);
    Path images = data.resolve("train-images-idx3-ubyte");
    Files.delete(images);
    Files.createDirectory(images);
    assertOneLine(train(data), "vae4j train: --data " + data + ": train-images-idx3-ubyte: a folder, not a file");
    Files.delete(images);
    Files.createSymbolicLink(images, images);
    assertOneLine(train(data), "vae4j train: --data " + data + ": train-images-idx3-ubyte: a loop of symbolic links");
    Files.delete(images);
    Files.createSymbolicLink(images, dir.resolve("gone"));
    assertOneLine(train(data), "vae4j train: --data " + data + ": train-images-idx3-ubyte: a symbolic link to "
        + dir.resolve("gone") + ", which does not exist");
    Files.delete(images);
    NamedPipe.create(images);
    assertOneLine(train(data), "vae4j train: --data " + data + ": train-images-idx3-ubyte: not a regular file (a "
        + "pipe, socket or device)");
  }

  @Test
  void dataThatMayNotBeRead() throws IOException {
    Path data = FakeData.write(dir.resolve("data"), 20, 4, 4);
    Path labels = data.resolve("t10k-labels-idx1-ubyte");
    if (DenyReads.on(labels, "an IDX file under chmod 000")) {
      assertOneLine(train(data), "vae4j train: " + labels + ": cannot read: permission denied (" + labels + ")");
    }
    if (DenyReads.on(data, "a --data folder under chmod 000")) {
      assertOneLine(train(data), "vae4j train: --data " + data + ": cannot look inside: permission denied");
    }
  }

  @Test
  void runFilesOfTheWrongKind() throws IOException {
    Path data = FakeData.write(dir.resolve("data"), 20, 4, 4);
    assertThat(train(data).exitCode()).isZero();
    Path run = dir.resolve("out");

    Path model = run.resolve("model.safetensors");
    Files.move(model, dir.resolve("model.safetensors"));
    Files.createDirectory(model);
    assertOneLine(CliRun.of("eval", "--model", run.toString()), "vae4j eval: " + model + ": a folder, not a file");
    Files.delete(model);
    Files.createSymbolicLink(model, model);
    assertOneLine(CliRun.of("figures", "--model", run.toString()), "vae4j figures: " + model
        + ": a loop of symbolic links");
    Files.delete(model);
    Files.move(dir.resolve("model.safetensors"), model);

    Path checkpoint = run.resolve("checkpoint.safetensors");
    Files.delete(checkpoint);
    Files.createDirectory(checkpoint);
    assertOneLine(CliRun.of("train", "--resume", run.toString()), "vae4j train: " + checkpoint
        + ": a folder, not a file");

    Path metrics = run.resolve("metrics.json");
    Files.move(metrics, dir.resolve("metrics.json"));
    Files.createDirectory(metrics);
    assertOneLine(CliRun.of("eval", "--model", run.toString()), "vae4j eval: " + metrics + ": a folder, not a file");
    Files.delete(metrics);
    Files.move(dir.resolve("metrics.json"), metrics);

    if (DenyReads.on(model, "eval of a model under chmod 000")) {
      assertOneLine(CliRun.of("eval", "--model", run.toString()), "vae4j eval: " + model
          + ": not readable: permission denied");
    }
  }

  @Test
  void anOutFolderOfTheWrongKind() throws IOException {
    Path data = FakeData.write(dir.resolve("data"), 20, 4, 4);
    Path file = Files.writeString(dir.resolve("file"), "x");
    Path loop = Files.createSymbolicLink(dir.resolve("loop"), dir.resolve("loop"));

    for (Path out : List.of(file, loop)) {
      List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--out", out.toString()));
      args.addAll(List.of(TINY));
      assertOneLine(CliRun.of(args.toArray(String[]::new)), "vae4j train: --out " + out + ": cannot create the "
          + "folder: " + (out == file ? "a file, not a folder" : "a loop of symbolic links"));
    }
  }
}
