package org.vae4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.UserError;
import org.vae4j.model.TestModels;
import org.vae4j.train.MetricsFile;
import org.vae4j.train.TestRuns;

class EvaluationReportTest {
  @TempDir
  Path dir;

  private static final EvaluationReport REPORT = new EvaluationReport(
      new EvaluationReport.Setup("none", 100, 600, 1, "java", 2, 12.5, "mlp"),
      new EvaluationReport.Nelbo(1, 101.5, 75.5, 26.0, 0.5),
      new EvaluationReport.LogLikelihood(1000, 97.25, 101.4,
          List.of(new EvaluationReport.Bound(1, 101.4), new EvaluationReport.Bound(1000, 97.25)), 9.0, false),
      new EvaluationReport.Activity(2, 3, 0.01, new double[] {1.0, 0.5, 0.001}, 0.1),
      new EvaluationReport.LatentClassification(5, 0.97, 0.91, 1.5),
      null, null);

  @Test
  void savesIntoMetricsAndReadsBackEqualWhileTheEpochsStay() throws IOException {
    Path file = dir.resolve("metrics.json");
    new MetricsFile(file, TestRuns.config(TestModels.mlp(12, 6, 3), 1)).add(TestRuns.epoch(1, 2, 3, 4, 5, 6, 7, 8, 9));

    REPORT.save(file);
    MetricsFile.Recorded read = MetricsFile.read(file);

    assertThat(read.epochs()).hasSize(1);
    assertThat(read.config().path("latent").asInt()).isEqualTo(3);
    EvaluationReport back = EvaluationReport.of(read, file);
    assertThat(back).usingRecursiveComparison().isEqualTo(REPORT);
    assertThat(Files.readString(file)).contains("\"log_likelihood\"", "\"by_samples\"", "\"knn_accuracy\"");
  }

  @Test
  void aRunWithoutEvaluationHasNoneAndTrainingAgainDropsIt() {
    Path file = dir.resolve("metrics.json");
    MetricsFile metrics = new MetricsFile(file, TestRuns.config(TestModels.mlp(12, 6, 3), 2));
    metrics.add(TestRuns.epoch(1, 2, 3, 4, 5, 6, 7, 8, 9));
    assertThat(EvaluationReport.of(MetricsFile.read(file), file)).isNull();

    REPORT.save(file);
    metrics.add(TestRuns.epoch(2, 2, 3, 4, 5, 6, 7, 8, 9));

    assertThat(EvaluationReport.of(MetricsFile.read(file), file)).isNull();
  }

  @Test
  void savingIntoAFileThatIsNotMetricsIsOneLine() throws IOException {
    Path file = Files.writeString(dir.resolve("metrics.json"), "{\"x\": 1}");
    assertThatThrownBy(() -> REPORT.save(file)).isInstanceOf(UserError.class)
        .hasMessage(file + ": no epochs in the metrics; is this a vae4j metrics.json?");
  }
}
