package org.vae4j.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.data.Binarization;
import org.vae4j.eval.Evaluation;
import org.vae4j.eval.EvaluationReport;
import org.vae4j.model.ModelSpec;
import org.vae4j.model.ObjectiveSpec;
import org.vae4j.train.EpochMetrics;
import org.vae4j.train.MetricsFile;
import org.vae4j.train.TestRuns;
import org.vae4j.train.TrainOptions;
import org.vae4j.viz.Figure;
import org.vae4j.viz.ImageFiles;

/** The report holds every figure of every model, each with its caption, and every table row with a value. */
class ReportTest {
  @TempDir
  Path dir;

  private static final EvaluationReport EVALUATION = new EvaluationReport(
      new EvaluationReport.Setup("none", 10000, 60000, 1, "native", 2, 250, "mlp"),
      new EvaluationReport.Nelbo(1, 125.5, 105.25, 20.25, 0.5),
      new EvaluationReport.LogLikelihood(1000, 97.254, 101.4, List.of(new EvaluationReport.Bound(1, 101.4),
          new EvaluationReport.Bound(10, 99.0), new EvaluationReport.Bound(1000, 97.254)), 120, false),
      new EvaluationReport.Activity(7, 10, 0.01, new double[10], 0.1),
      new EvaluationReport.LatentClassification(5, 0.9712, 0.9123, 3),
      new EvaluationReport.SampleQuality("vae4j MLP 784-512-512-10", 0.9851, "ab12", 10000, 12.345, 0.953,
          new int[] {500, 1500, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000}, 2.2959, 0.9312, 20, null, null),
      null);

  private static final List<String> FILES = List.of("reconstructions.png", "manifold.png", "interpolation.gif");

  private ModelReport model(int latent, double trainRecon) {
    Path modelDir = dir.resolve("d" + latent);
    List<Figure> figures = new ArrayList<>();
    for (String file : FILES) {
      BufferedImage image = new BufferedImage(4 + latent, 3, BufferedImage.TYPE_BYTE_GRAY);
      Path path = modelDir.resolve(Experiment.FIGURES_DIR).resolve(file);
      if (file.endsWith(".gif")) {
        ImageFiles.writeLoopingGif(path, List.of(image, image), 50);
      } else {
        ImageFiles.writePng(path, image);
      }
      String name = file.substring(0, file.indexOf('.'));
      figures.add(new Figure(name, file, "Title of " + name, "Caption of " + name + " for d = " + latent + "."));
    }
    List<EpochMetrics> epochs = List.of(
        TestRuns.epoch(1, 150, 140, 120, 20, 10, 6000, trainRecon, 22),
        TestRuns.epoch(2, 130, 125.5, 105.25, 20.25, 12, 5000, trainRecon, 21));
    return new ModelReport(experimentModel(latent), modelDir,
        new MetricsFile.Recorded(new ObjectMapper().createObjectNode(), epochs), figures, 1000 + latent,
        "Model: summary of d = " + latent + "\n", latent == 10, latent == 10 ? EVALUATION : null, null);
  }

  private static ExperimentModel experimentModel(int latent) {
    return new ExperimentModel(ModelSpec.mlp(28, 28, 512, latent), ObjectiveSpec.NELBO);
  }

  private static Experiment.Setup setup() {
    return new Experiment.Setup(List.of(experimentModel(2), experimentModel(10)),
        new TrainOptions(2, 128, 1e-3, 1), "mnist", 60000, 10000, 1, "./vae4j experiment --latents 2,10 <test>",
        new Evaluation.Settings(1, 1000, 10000, 1, Binarization.NONE, "mnist", Path.of("cache")));
  }

  private Report report() {
    return new Report(setup(), new MachineInfo("JDK 17", "Linux", "CPU X", 2, 2048, "native", 2),
        List.of(model(2, Double.NaN), model(10, Double.NaN)), 83.0);
  }

  @Test
  void htmlHasALiveMapForTheModelsThatHaveOne() {
    assertThat(report().html()).doesNotContain("Live latent explorer");
    ModelReport plain = model(2, Double.NaN);
    org.vae4j.model.Vae vae = new org.vae4j.model.Vae(ModelSpec.mlp(28, 28, 16, 2).architecture(),
        new org.vae4j.nn.JavaGemm(1));
    ModelReport live = new ModelReport(plain.config(), plain.dir(), plain.metrics(), plain.figures(), plain.params(),
        plain.architecture(), plain.reused(), plain.evaluation(),
        LiveExplorer.data("d = 2", vae, org.vae4j.data.TestData.mnist().test().first(50)));
    Report report = new Report(setup(), new MachineInfo("JDK 17", "Linux", "CPU X", 2, 2048, "native", 2),
        List.of(live, model(10, Double.NaN)), 83.0);
    String html = report.html();
    assertThat(html).containsOnlyOnce("<h2 id=\"live\">Live latent explorer</h2>")
        .containsOnlyOnce("id=\"vae4j-explorer-data\"").contains("\"label\":\"d = 2\"")
        .doesNotContain("\"label\":\"d = 10\"").doesNotContain("http://").doesNotContain("https://");
  }

  @Test
  void htmlEmbedsEveryFigureOfEveryModelWithItsCaption() {
    String html = report().html();
    Matcher images = Pattern.compile("<img[^>]* src=\"data:image/(png|gif);base64,[A-Za-z0-9+/=]+\"").matcher(html);
    int count = 0;
    while (images.find()) {
      count++;
    }
    assertThat(count).isEqualTo(2 * FILES.size());
    for (int d : new int[] {2, 10}) {
      for (String file : FILES) {
        String name = file.substring(0, file.indexOf('.'));
        assertThat(html).contains("href=\"d" + d + "/figures/" + file + "\"")
            .contains("Caption of " + name + " for d = " + d + ".");
      }
    }
    assertThat(html).contains("<h3>Title of manifold</h3>").doesNotContain("src=\"d2/"); // nothing fetched
    assertThat(html).doesNotContain("http://").doesNotContain("https://");
  }

  @Test
  void htmlHoldsConfigurationMachineAndEveryTableRowWithAValue() {
    String html = report().html();
    assertThat(html).contains("<th>d = 2</th><th>d = 10</th>");
    assertThat(html).contains("JDK 17", "CPU X", "native", "mnist (60,000 training / 10,000 test images)",
        "2 epochs, batch 128, Adam lr 0.001", "./vae4j experiment --latents 2,10 &lt;test&gt;", "1.4 min");
    assertThat(html).contains("<tr><th>test -ELBO (nats per image)</th><td>125.50</td><td>125.50</td></tr>");
    assertThat(html).contains("<tr><th>test reconstruction, BCE (nats)</th><td>105.25</td>");
    assertThat(html).contains("<tr><th>test KL (nats)</th><td>20.25</td>");
    assertThat(html).contains("<tr><th>train -ELBO, last epoch (nats)</th><td>130.00</td>");
    assertThat(html).contains("<tr><th>epochs</th><td>2</td>", "<tr><th>training time</th><td>22.0 s</td>",
        "<tr><th>parameters</th><td>1,002</td><td>1,010</td>");
    assertThat(html).contains("<tr><th>training speed (images/s, mean)</th><td>5,455</td>"); // (60000+60000)/22
    assertThat(html).contains("d = 10 reused from an earlier run");
    assertThat(html).contains("importance-weighted NLL with K = 1000", "10,000 prior samples judged by vae4j");
    // Evaluation rows: empty for d = 2, which has no evaluation.
    assertThat(html).contains("<tr><th>test NLL, importance-weighted (nats)</th><td></td><td>97.25 (K = 1000)</td>",
        "<td>101.40 / 99.00 / 97.25</td>", "<td>7 of 10</td>", "<td>97.12%</td>", "<td>91.23%</td>",
        "<tr><th>FID (vae4j classifier features), prior samples vs test</th><td></td><td>12.35</td>",
        "<td>95.30%</td>", "<td>5 15 10 10 10 10 10 10 10 10</td>", "<td>2.296</td>", "<td>0.931</td>", "<td>vae4j MLP 784-512-512-10, 98.51% test accuracy</td>",
        "<tr><th>evaluation time</th><td></td><td>4.2 min</td>");
    assertThat(html).contains("<td>").doesNotContain("NaN");
  }

  @Test
  void rowsWithoutValuesAreLeftOut() {
    List<List<String>> rows = ReportTable.cells(List.of(model(2, Double.NaN)));
    assertThat(rows).extracting(r -> r.get(0)).containsExactly("model", "objective", "test -ELBO (nats per image)",
        "test reconstruction, BCE (nats)", "test KL (nats)", "train -ELBO, last epoch (nats)", "epochs",
        "training time", "training speed (images/s, mean)", "parameters");
    // every row but the conditional model's and the trained objective's, which the lab's models have not
    assertThat(ReportTable.cells(List.of(model(2, 1), model(10, 1)))).hasSize(ReportTable.ROWS.size() - 3);
  }

  @Test
  void markdownHasTheSameContentWithFileLinks() {
    String md = report().markdown();
    for (int d : new int[] {2, 10}) {
      for (String file : FILES) {
        String name = file.substring(0, file.indexOf('.'));
        assertThat(md).contains("](d" + d + "/figures/" + file + ")").contains("Caption of " + name + " for d = " + d);
      }
      assertThat(md).contains("Model: summary of d = " + d);
    }
    assertThat(md).contains("| test -ELBO (nats per image) | 125.50 | 125.50 |", "| GEMM engine | native |",
        "### Title of reconstructions");
  }
}
