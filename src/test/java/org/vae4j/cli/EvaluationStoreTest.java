package org.vae4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.DenyReads;
import org.vae4j.UserError;
import org.vae4j.eval.EvaluationReport;
import org.vae4j.train.MetricsFile;

/** eval checks where it will store its numbers before computing them, and never loses them afterwards. */
class EvaluationStoreTest {
  private static final EvaluationReport REPORT = new EvaluationReport(
      new EvaluationReport.Setup("none", 60, 60, 1, "java-autovec", 1, 0.5, "mlp"),
      new EvaluationReport.Nelbo(1, 101.5, 75.5, 26.0, 0.1), null, null, null, null, null);

  @TempDir
  Path dir;

  private Path trainedRun() throws IOException {
    Path data = FakeData.write(dir.resolve("data"), 60, 8, 8);
    Path run = dir.resolve("run");
    CliRun train = CliRun.of("train", "--data", data.toString(), "--out", run.toString(), "--epochs", "1",
        "--hidden", "16", "--latent", "3", "--batch", "10", "--threads", "1", "--engine", "java");
    assertThat(train.exitCode()).as(train.err()).isZero();
    return run;
  }

  private CliRun eval(Path run) {
    return CliRun.of("eval", "--model", run.toString(), "--data", dir.resolve("data").toString(), "--iw", "5000",
        "--classifier-cache", dir.resolve("cache").toString(), "--threads", "1", "--engine", "java");
  }

  @Test
  void anUnreadableMetricsFileFailsBeforeAnythingIsComputed() throws IOException {
    Path run = trainedRun();
    Path metrics = run.resolve("metrics.json");
    byte[] good = Files.readAllBytes(metrics);

    Files.writeString(metrics, "{\"epochs\": [");
    CliRun truncated = eval(run);
    Files.writeString(metrics, "[]");
    CliRun foreign = eval(run);

    assertThat(truncated.exitCode()).isEqualTo(1);
    assertThat(truncated.err()).isEqualTo("vae4j eval: " + metrics + ": not valid JSON: Unexpected end-of-input: "
        + "expected close marker for Array (start marker at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_"
        + "LOCATION` disabled); line: 1, column: 12]) (line 1, column 13)\n");
    assertThat(foreign.exitCode()).isEqualTo(1);
    assertThat(foreign.err()).isEqualTo("vae4j eval: " + metrics + ": no epochs in the metrics; is this a vae4j "
        + "metrics.json?\n");
    assertThat(dir.resolve("cache")).as("no classifier was trained").doesNotExist();
    Files.write(metrics, good);
    if (DenyReads.on(metrics, "eval of a metrics.json under chmod 000")) {
      CliRun denied = eval(run);
      assertThat(denied.exitCode()).isEqualTo(1);
      assertThat(denied.err()).isEqualTo("vae4j eval: " + metrics + ": not readable: permission denied\n");
    }
  }

  @Test
  void whenTheMetricsFileFailsAtTheEndTheEvaluationGoesToASideFile() throws IOException {
    Path run = trainedRun();
    Path metrics = run.resolve("metrics.json");
    EvaluationStore store = EvaluationStore.check(metrics);
    Files.writeString(metrics, "[]"); // replaced while the evaluation ran

    assertThatThrownBy(() -> store.save(REPORT)).isInstanceOf(UserError.class)
        .hasMessageStartingWith(metrics + ": no epochs in the metrics; is this a vae4j metrics.json?; "
            + "the evaluation is saved in " + run.resolve("evaluation-"))
        .hasMessageEndingWith(".json instead");

    Path side = sideFiles(run).get(0);
    assertThat(MetricsFile.fromJsonTree(new com.fasterxml.jackson.databind.ObjectMapper().readTree(side.toFile()),
        EvaluationReport.class)).isEqualTo(REPORT);
    assertThat(Files.readString(metrics)).isEqualTo("[]");
  }

  @Test
  void aSideFolderThatFailsTooIsFollowedByTheNext() throws IOException {
    Path run = trainedRun();
    Path metrics = run.resolve("metrics.json");
    Files.writeString(metrics, "[]");
    Path notAFolder = Files.writeString(dir.resolve("not-a-folder"), "");
    Path spare = Files.createDirectories(dir.resolve("spare"));

    assertThatThrownBy(() -> new EvaluationStore(metrics, List.of(notAFolder, spare)).save(REPORT))
        .hasMessageContaining("; the evaluation is saved in " + spare.resolve("evaluation-"));
    assertThat(sideFiles(spare)).hasSize(1);
    assertThatThrownBy(() -> new EvaluationStore(metrics, List.of(notAFolder)).save(REPORT))
        .hasMessageStartingWith(metrics + ": no epochs in the metrics; is this a vae4j metrics.json?; nor could the "
            + "evaluation be saved elsewhere (" + notAFolder.resolve("evaluation-"))
        .hasMessageEndingWith("); its numbers are on standard output");
  }

  private static List<Path> sideFiles(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().matches("evaluation-\\d{8}-\\d{6}\\.json")).toList();
    }
  }
}
