package org.vae4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** vae4j eval on a tiny made-up dataset: every metric lands in metrics.json; bad input is one line. */
class EvalCommandTest {
  @TempDir
  Path dir;

  private Path trainedRun(String... extra) throws IOException {
    Path data = FakeData.write(dir.resolve("data"), 60, 8, 8);
    Path out = dir.resolve("run");
    String[] args = {"train", "--data", data.toString(), "--out", out.toString(), "--epochs", "2", "--hidden", "16",
        "--latent", "3", "--batch", "10", "--threads", "1", "--engine", "java"};
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(extra));
    CliRun run = CliRun.of(all.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.err()).isZero();
    return out;
  }

  /** eval of run, small and quick; more adds options or replaces these ("--flag" alone for a flag). */
  private String[] eval(Path run, String... more) {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("--data", dir.resolve("data").toString());
    options.put("--iw", "20");
    options.put("--prior-samples", "50");
    options.put("--classifier-cache", dir.resolve("cache").toString());
    options.put("--threads", "1");
    options.put("--engine", "java");
    for (int i = 0; i < more.length; i++) {
      boolean flag = i + 1 == more.length || more[i + 1].startsWith("--");
      options.put(more[i], flag ? null : more[++i]);
    }
    List<String> args = new ArrayList<>(List.of("eval", "--model", run.toString()));
    options.forEach((k, v) -> {
      args.add(k);
      if (v != null) {
        args.add(v);
      }
    });
    return args.toArray(String[]::new);
  }

  @Test
  void storesEveryMetricInTheRunsMetricsAndKeepsItsEpochs() throws IOException {
    Path run = trainedRun("--binarize", "static");

    CliRun eval = CliRun.of(eval(run, "--samples", "3"));

    assertThat(eval.exitCode()).as(eval.err()).isZero();
    JsonNode metrics = new ObjectMapper().readTree(run.resolve("metrics.json").toFile());
    assertThat(metrics.get("epochs")).hasSize(2);
    JsonNode e = metrics.get("evaluation");
    assertThat(e.at("/setup/binarize").asText()).as("the model's own binarization").isEqualTo("static");
    assertThat(e.at("/setup/test_images").asInt()).isEqualTo(60);
    assertThat(e.at("/nelbo/samples").asInt()).isEqualTo(3);
    assertThat(e.at("/log_likelihood/samples").asInt()).isEqualTo(20);
    assertThat(e.at("/log_likelihood/nll").asDouble()).isLessThan(e.at("/log_likelihood/nelbo").asDouble());
    assertThat(e.at("/log_likelihood/by_samples")).hasSize(3); // K = 1, 10, 20
    assertThat(e.at("/active_units/variances")).hasSize(3);
    assertThat(e.at("/latent_classification/knn_accuracy").asDouble()).isBetween(0.0, 1.0);
    assertThat(e.at("/sample_quality/class_histogram")).hasSize(10);
    int total = 0;
    for (JsonNode count : e.at("/sample_quality/class_histogram")) {
      total += count.asInt();
    }
    assertThat(total).isEqualTo(50);
    assertThat(e.at("/sample_quality/classifier_sha256").asText()).hasSize(64);
    assertThat(e.at("/sample_quality/class_entropy").asDouble()).isBetween(0.0, Math.log(10) + 1e-9);

    CliRun grey = CliRun.of(eval(run, "--binarize", "none", "--no-sample-quality", "--iw", "0"));
    assertThat(grey.exitCode()).as(grey.err()).isZero();
    JsonNode again = new ObjectMapper().readTree(run.resolve("metrics.json").toFile()).get("evaluation");
    assertThat(again.at("/setup/binarize").asText()).isEqualTo("none");
    assertThat(again.get("log_likelihood").isNull()).isTrue();
    assertThat(again.get("sample_quality").isNull()).isTrue();
  }

  @Test
  void badInputIsOneLine() throws IOException {
    CliRun missing = CliRun.of("eval", "--model", dir.resolve("nothing").toString());
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err().strip()).isEqualTo("vae4j eval: --model " + dir.resolve("nothing")
        + ": no metrics.json there, where the evaluation is stored");

    Path run = trainedRun();
    CliRun negative = CliRun.of("eval", "--model", run.toString(), "--iw", "-1");
    assertThat(negative.exitCode()).isEqualTo(2);
    assertThat(negative.err().strip()).isEqualTo("vae4j eval: --iw must be 0 (skip) or more, got -1");
    CliRun binarize = CliRun.of(eval(run, "--binarize", "maybe"));
    assertThat(binarize.exitCode()).isEqualTo(2);
    assertThat(binarize.err().strip()).isEqualTo("vae4j eval: --binarize must be none, dynamic or static, got 'maybe'");
  }
}
