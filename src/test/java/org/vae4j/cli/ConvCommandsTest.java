package org.vae4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.data.TestData;

/**
 * The conv kind everywhere a model goes: train (loss falls, the file lists its layers), resume (its channels
 * stored), eval, figures, sample, summary, experiment (channels=AxB) and curves; and its errors in one line.
 */
class ConvCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  void trainResumeEvalFiguresSampleAndCurves() throws IOException {
    Path mnist = TestData.mnistDir();
    Path out = dir.resolve("conv");
    CliRun run = CliRun.of("train", "--model", "conv", "--channels", "4,8", "--hidden", "16", "--latent", "3",
        "--data", mnist.toString(), "--out", out.toString(), "--epochs", "2", "--train-images", "1500",
        "--test-images", "300", "--threads", "2");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode metrics = JSON.readTree(out.resolve("metrics.json").toFile());
    assertThat(metrics.at("/config/kind").asText()).isEqualTo("conv");
    assertThat(metrics.at("/config/channels").toString()).isEqualTo("[4,8]");
    assertThat(metrics.at("/epochs/1/test_nelbo").asDouble()).isLessThan(metrics.at("/epochs/0/test_nelbo").asDouble());
    String config = new String(Files.readAllBytes(out.resolve("model.safetensors")), StandardCharsets.ISO_8859_1)
        .substring(0, 6000);
    assertThat(config).contains("encoder.conv1", "Conv2d", "decoder.deconv2", "ConvTranspose2d", "output_padding",
        "input_shape");

    CliRun conflict = CliRun.of("train", "--resume", out.toString(), "--channels", "8,8");
    assertThat(conflict.exitCode()).isEqualTo(2);
    assertThat(conflict.err()).contains("--channels [8, 8] conflicts with the run", "--channels [4, 8]");
    CliRun resumed = CliRun.of("train", "--resume", out.toString(), "--epochs", "3", "--data", mnist.toString());
    assertThat(resumed.exitCode()).as(resumed.err()).isZero();
    assertThat(JSON.readTree(out.resolve("metrics.json").toFile()).get("epochs")).hasSize(3);

    CliRun eval = CliRun.of("eval", "--model", out.toString(), "--data", mnist.toString(), "--iw", "20",
        "--test-images", "200", "--no-sample-quality");
    assertThat(eval.exitCode()).as(eval.err()).isZero();
    JsonNode evaluated = JSON.readTree(out.resolve("metrics.json").toFile());
    // below the untrained 545 nats, and (a tighter bound) below the -ELBO
    assertThat(evaluated.at("/evaluation/log_likelihood/nll").asDouble()).isBetween(50.0,
        evaluated.at("/evaluation/nelbo/nelbo").asDouble());

    CliRun figures = CliRun.of("figures", "--model", out.toString(), "--only", "reconstructions,architecture");
    assertThat(figures.exitCode()).as(figures.err()).isZero();
    assertThat(out.resolve("figures").resolve("reconstructions.png")).isRegularFile();
    CliRun sample = CliRun.of("sample", "--model", out.toString(), "--count", "4", "--out",
        dir.resolve("s.png").toString());
    assertThat(sample.exitCode()).as(sample.err()).isZero();
    assertThat(dir.resolve("s.png")).isRegularFile();
    CliRun summary = CliRun.of("summary", "--model", out.toString());
    assertThat(summary.out()).contains("encoder.conv2 (Conv2d + ReLU)", "(None, 8, 7, 7)",
        "decoder.output (ConvTranspose2d -> bernoulli)");
    CliRun curves = CliRun.of("curves", out.toString(), "--out", dir.resolve("curves.png").toString());
    assertThat(curves.exitCode()).as(curves.err()).isZero();
    assertThat(dir.resolve("curves.png")).isRegularFile();
  }

  @Test
  void experimentTakesChannelsJoinedByX() throws IOException {
    Path out = dir.resolve("exp");
    CliRun run = CliRun.of("experiment", "--models", "conv:channels=2x4:hidden=8", "--latents", "2", "--data",
        TestData.mnistDir().toString(), "--out", out.toString(), "--epochs", "1", "--train-images", "300",
        "--test-images", "200", "--iw", "5", "--prior-samples", "100", "--threads", "1", "--classifier-cache",
        dir.resolve("cache").toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(out.resolve("conv-d2-h8-c2x4").resolve("model.safetensors")).isRegularFile();
    assertThat(Files.readString(out.resolve("report.md"))).contains("conv, H = 8, channels 2x4, d = 2");
  }

  @Test
  void imagesTheStridesCannotHalveAreOneLineNamingTheSize() throws IOException {
    Path data = FakeData.write(dir.resolve("data"), 20, 10, 12);
    CliRun run = CliRun.of("train", "--model", "conv", "--data", data.toString(), "--out", dir.resolve("o").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("vae4j train: rows x cols 10 x 12 cannot be halved 2 times by the conv model's "
        + "stride-2 layers: both must be divisible by 4" + System.lineSeparator());
  }

  @Test
  void channelsAreForConvolutionsAndPositive() {
    CliRun mlp = CliRun.of("summary", "--kind", "mlp", "--channels", "4,8");
    assertThat(mlp.exitCode()).isEqualTo(2);
    assertThat(mlp.err()).contains("--channels are the widths of convolutions, which the mlp model has none of");
    CliRun zero = CliRun.of("summary", "--kind", "conv", "--channels", "4,0");
    assertThat(zero.exitCode()).isEqualTo(2);
    assertThat(zero.err()).contains("--channels must be at least 1, got 0");
    CliRun entry = CliRun.of("experiment", "--models", "conv:channels=4xa", "--out", dir.resolve("e").toString());
    assertThat(entry.exitCode()).isEqualTo(2);
    assertThat(entry.err()).contains("entry 'conv:channels=4xa': channels must be an integer, got 'a'");
  }
}
