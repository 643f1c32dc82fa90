package org.vae4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input gets one line naming the problem, exit 2 for usage and 1 for runtime failures, no stack trace. */
class TrainCommandErrorsTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--latent|0|--latent must be at least 1, got 0",
      "--epochs|0|--epochs must be at least 1, got 0",
      "--batch|-5|--batch must be at least 1, got -5",
      "--lr|0|--lr must be a positive number, got 0.0",
      "--lr|NaN|--lr must be a positive number, got NaN",
      "--hidden|0|--hidden must be at least 1, got 0",
      "--threads|0|--threads must be at least 1, got 0",
      "--latent|abc|Invalid value for option '--latent': 'abc' is not an int",
  })
  void invalidOptionValuesAreUsageErrors(String option, String value, String message) {
    CliRun run = CliRun.of("train", "--out", dir.resolve("out").toString(), option, value);
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("vae4j train: ").contains(message);
    assertOneLine(run.err());
  }

  /** The engine is checked before the data: a missing --data folder is not what the user hears about. */
  @Test
  void anUnknownEngineIsRefusedBeforeTheDataIsRead() {
    for (String command : new String[] {"train", "experiment"}) {
      CliRun run = CliRun.of(command, "--engine", "cuda", "--data", dir.resolve("none").toString(), "--out",
          dir.resolve("out").toString());
      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err().strip()).isEqualTo("vae4j " + command
          + ": --engine must be auto, native, java, java-vector or java-autovec, got 'cuda'");
    }
  }

  @Test
  void unknownOptionIsAUsageError() {
    CliRun run = CliRun.of("train", "--latnet", "2");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Unknown options: '--latnet'").contains("did you mean --latent?");
    assertOneLine(run.err());
  }

  @Test
  void missingDataFolderIsARuntimeFailureNamingIt() {
    Path missing = dir.resolve("no-such-folder");
    CliRun run = CliRun.of("train", "--data", missing.toString(), "--out", dir.resolve("out").toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains(missing.toString());
    assertOneLine(run.err());
  }

  @Test
  void corruptDataFileIsARuntimeFailureNamingIt() throws IOException {
    Path data = Files.createDirectories(dir.resolve("data"));
    for (String name : new String[] {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
        "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"}) {
      Files.write(data.resolve(name), new byte[] {0, 0, 8, 3, 0, 0});
    }
    CliRun run = CliRun.of("train", "--data", data.toString(), "--out", dir.resolve("out").toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("-idx").contains("ubyte");
    assertOneLine(run.err());
  }

  @Test
  void unwritableOutFolderIsARuntimeFailure() throws IOException {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    CliRun run = CliRun.of("train", "--out", file.resolve("sub").toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("--out " + file.resolve("sub")).contains("cannot create the folder");
    assertOneLine(run.err());
  }

  @Test
  void verboseAddsTheStackTrace() {
    CliRun run = CliRun.of("train", "--verbose", "--data", dir.resolve("none").toString(),
        "--out", dir.resolve("out").toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("\tat org.vae4j.");
  }

  private static void assertOneLine(String err) {
    assertThat(err.strip()).doesNotContain("\n").doesNotContain("\tat ");
  }
}
