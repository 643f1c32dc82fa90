package org.vae4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.data.TestData;

/** vae4j anomaly-benchmark --quick end to end on real MNIST and Fashion-MNIST, and its refusal of missing labels. */
class AnomalyBenchmarkCommandTest {
  @TempDir
  Path dir;

  @Test
  void quickRunWritesTheTablesFiguresScoresAndReport() throws IOException {
    Path out = dir.resolve("bench");
    CliRun r = CliRun.of("anomaly-benchmark", "--quick", "--background-rate", "0.2", "--out", out.toString(), "--mnist",
        TestData.mnistDir().toString(), "--fashion-mnist", TestData.fashionMnistDir().toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    String md = Files.readString(out.resolve("report.md"));
    assertThat(md).contains("## One-class MNIST", "## One-class Fashion-MNIST", "## Out of distribution",
        "| digit 0 |", "| 1 trouser |", "| mean |", "| Fashion-MNIST, MNIST |", "| MNIST, Fashion-MNIST |",
        "NLL - pixel entropy", "likelihood ratio", "K = 100", "## Published numbers");
    assertThat(Files.readString(out.resolve("report.html"))).contains("data:image/png;base64,");
    for (String figure : List.of("one-class-mnist-roc-iw_nll.png", "one-class-fashion-mnist-roc-llr.png",
        "ood-fashion-mnist-vs-mnist-roc.png", "ood-fashion-mnist-vs-mnist-iw_nll.png",
        "ood-fashion-mnist-vs-mnist-complexity_corrected.png", "one-class-mnist-roc-complexity_corrected.png",
        "ood-mnist-vs-fashion-mnist-llr.png")) {
      assertThat(out.resolve("figures").resolve(figure)).isRegularFile();
    }
    List<String> scores = Files.readAllLines(out.resolve("one-class-mnist/c1/scores.csv"));
    assertThat(scores).hasSize(301);
    assertThat(scores.get(0)).isEqualTo("image,label,nelbo,iw_nll,reconstruction,complexity_corrected,png_corrected,llr");
    assertThat(out.resolve("ood/fashion-mnist/scores-mnist.csv")).isRegularFile();
    assertThat(out.resolve("ood/mnist-background-p0.2/model.safetensors")).isRegularFile();
  }

  @Test
  void missingLabelsAreOneLineAndNothingIsWritten() throws IOException {
    Path partial = Files.createDirectories(dir.resolve("mnist"));
    for (String name : List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte")) {
      Path source = TestData.mnistDir().resolve(name);
      Files.createSymbolicLink(partial.resolve(name), Files.exists(source) ? source
          : TestData.mnistDir().resolve(name + ".gz"));
    }
    Path out = dir.resolve("bench");
    CliRun r = CliRun.of("anomaly-benchmark", "--quick", "--parts", "one-class-mnist", "--out", out.toString(),
        "--mnist", partial.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err().strip()).isEqualTo("vae4j anomaly-benchmark: --mnist " + partial
        + ": missing t10k-labels-idx1-ubyte(.gz)");
    assertThat(out).doesNotExist();
  }
}
