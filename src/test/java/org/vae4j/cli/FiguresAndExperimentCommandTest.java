package org.vae4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.data.TestData;

/**
 * The experiment end to end through the command line, on a few hundred MNIST images for one epoch: every
 * model folder, figure and report exists; then the figures and summary commands, and their errors.
 */
class FiguresAndExperimentCommandTest {
  private static final List<String> FIGURE_FILES = List.of("reconstructions.png", "manifold.png",
      "latent-scatter.png", "prior-samples.png", "posterior-samples.png", "interpolation.png", "interpolation.gif",
      "training-curves.png", "architecture.png", "architecture.txt");

  @TempDir
  Path dir;

  @Test
  void experimentWritesModelsFiguresAndReportsThenReusesThem() throws IOException {
    Path data = TestData.mnistDir();
    Path out = dir.resolve("exp");
    String[] args = {"experiment", "--data", data.toString(), "--out", out.toString(), "--latents", "2,3",
        "--epochs", "1", "--hidden", "32", "--train-images", "300", "--test-images", "200", "--threads", "1",
        "--iw", "20", "--prior-samples", "300", "--classifier-cache", dir.resolve("cache").toString()};
    CliRun run = CliRun.of(args);
    assertThat(run.exitCode()).as(run.err()).isZero();
    for (String d : new String[] {"d2-h32", "d3-h32"}) {
      assertThat(out.resolve(d).resolve("model.safetensors")).isRegularFile();
      assertThat(out.resolve(d).resolve("metrics.json")).isRegularFile();
      for (String file : FIGURE_FILES) {
        assertThat(out.resolve(d).resolve("figures").resolve(file)).isRegularFile();
      }
    }
    String html = Files.readString(out.resolve("report.html"));
    assertThat(html.split("src=\"data:image/", -1)).hasSize(1 + 2 * 9);
    assertThat(html).contains("<th>H = 32, d = 2</th><th>H = 32, d = 3</th>", "test -ELBO (nats per image)", "GEMM engine",
        "test NLL, importance-weighted (nats)", "active units", "kNN accuracy", "FID (vae4j classifier features)",
        "class entropy of prior samples", "evaluation time");
    assertThat(Files.readString(out.resolve("d3-h32").resolve("metrics.json"))).contains("\"evaluation\"",
        "\"log_likelihood\"", "\"frechet_distance\"");
    try (Stream<Path> cached = Files.list(dir.resolve("cache"))) {
      assertThat(cached.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith(".safetensors.sha256"));
    }
    assertThat(out.resolve("report.md")).content().contains("](d3-h32/figures/manifold.png)");
    try (Stream<Path> files = Files.walk(out)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }

    Path model = out.resolve("d2-h32").resolve("model.safetensors");
    var trained = Files.getLastModifiedTime(model);
    String evaluated = Files.readString(out.resolve("d2-h32").resolve("metrics.json"));
    byte[] bytes = Files.readAllBytes(model);
    CliRun again = CliRun.of(args); // finished models are reused, not retrained
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(Files.getLastModifiedTime(model)).isEqualTo(trained);
    assertThat(Files.readAllBytes(model)).isEqualTo(bytes);
    assertThat(Files.readString(out.resolve("report.html"))).contains("reused from an earlier run");
    // The evaluation is reused too: a new one would differ at least in its timings.
    assertThat(Files.readString(out.resolve("d2-h32").resolve("metrics.json"))).isEqualTo(evaluated);
  }

  @Test
  void figuresCommandWritesTheChosenFiguresAndRejectsUnknownNames() throws IOException {
    Path data = TestData.mnistDir();
    Path model = dir.resolve("model");
    CliRun train = CliRun.of("train", "--data", data.toString(), "--out", model.toString(), "--epochs", "1",
        "--latent", "2", "--hidden", "32", "--train-images", "300", "--test-images", "100", "--threads", "1");
    assertThat(train.exitCode()).as(train.err()).isZero();

    CliRun run = CliRun.of("figures", "--model", model.toString(), "--data", data.toString(), "--only",
        "manifold,reconstructions-sampled", "--test-images", "100", "--manifold-size", "5", "--threads", "1");
    assertThat(run.exitCode()).as(run.err()).isZero();
    try (Stream<Path> files = Files.list(model.resolve("figures"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("manifold.png", "reconstructions-sampled.png");
    }

    CliRun unknown = CliRun.of("figures", "--model", model.toString(), "--only", "manifolds");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).startsWith("vae4j figures: --only has an unknown figure 'manifolds'");

    CliRun missing = CliRun.of("figures", "--model", dir.resolve("none").toString());
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err().strip()).contains("no model.safetensors there").doesNotContain("\n");

    CliRun summary = CliRun.of("summary", "--model", model.toString());
    assertThat(summary.exitCode()).as(summary.err()).isZero();
    assertThat(summary.out()).contains("(mlp, 784-32-2, 28x28 mnist)", "Total params: 51,220");
  }

  @Test
  void summaryPrintsTheKerasStyleTable() {
    CliRun run = CliRun.of("summary", "--latent", "2", "--hidden", "512");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("Model: \"vae\" (mlp, 784-512-2, 28x28 images)")
        .contains("Layer (type)", "Output Shape", "Param #", "encoder.hidden (Linear + ReLU)", "(None, 512)",
            "Total params: 807,700");
    CliRun both = CliRun.of("summary", "--latent", "2", "--model", dir.toString());
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).contains("--model takes the kind and sizes from the model file");
  }
}
