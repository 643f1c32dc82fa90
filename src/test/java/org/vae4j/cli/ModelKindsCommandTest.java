package org.vae4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.model.ModelFile;
import org.vae4j.nn.ReferenceGemm;

/**
 * The model kinds and objectives through the command line: training each, sampling a digit, comparing them
 * in one experiment, and one clear line for each bad choice, before anything in a run folder is touched.
 */
class ModelKindsCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private Path data() throws IOException {
    return FakeData.write(dir.resolve("data"), 60, 8, 8);
  }

  private static String[] train(Path data, Path out, String... more) {
    List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--out", out.toString(),
        "--hidden", "16", "--latent", "2", "--batch", "16", "--threads", "1", "--engine", "java"));
    args.addAll(List.of(more));
    if (!args.contains("--epochs")) {
      args.addAll(List.of("--epochs", "1"));
    }
    return args.toArray(String[]::new);
  }

  private static JsonNode lastEpoch(Path run) throws IOException {
    JsonNode epochs = JSON.readTree(run.resolve("metrics.json").toFile()).get("epochs");
    return epochs.get(epochs.size() - 1);
  }

  @Test
  void aConditionalModelTrainsAndSamplesTheDigitAskedFor() throws IOException {
    Path data = data();
    Path run = dir.resolve("cvae");
    CliRun trained = CliRun.of(train(data, run, "--model", "cvae"));
    assertThat(trained.exitCode()).as(trained.err()).isZero();
    ModelFile.Loaded model = ModelFile.load(run.resolve("model.safetensors"), new ReferenceGemm());
    assertThat(model.vae().spec().kind()).isEqualTo("cvae");
    assertThat(model.vae().classes()).isEqualTo(10);
    assertThat(model.config().get("layers").get(0).get("in_features").asInt()).isEqualTo(64 + 10);

    Path seven = dir.resolve("seven.png");
    CliRun sample = CliRun.of("sample", "--model", run.toString(), "--digit", "7", "--count", "12", "--columns",
        "4", "--scale", "1", "--out", seven.toString(), "--threads", "1");
    assertThat(sample.exitCode()).as(sample.err()).isZero();
    BufferedImage grid = ImageIO.read(seven.toFile());
    assertThat(grid.getWidth()).isEqualTo(4 * 8 + 5); // 4 columns of 8 pixels and the 5 lines around them
    assertThat(grid.getHeight()).isEqualTo(3 * 8 + 4);

    CliRun every = CliRun.of("sample", "--model", run.toString(), "--count", "20", "--scale", "1", "--threads", "1");
    assertThat(every.exitCode()).as(every.err()).isZero();
    assertThat(ImageIO.read(run.resolve("samples.png").toFile()).getHeight()).isEqualTo(10 * 8 + 11); // a row a digit

    CliRun twelve = CliRun.of("sample", "--model", run.toString(), "--digit", "12");
    assertThat(twelve.exitCode()).isEqualTo(2);
    assertThat(twelve.err().strip()).isEqualTo("vae4j sample: --digit must be 0 to 9 for this model, got 12");
  }

  @Test
  void anUnconditionalModelRefusesADigit() throws IOException {
    Path run = dir.resolve("mlp");
    assertThat(CliRun.of(train(data(), run)).exitCode()).isZero();
    CliRun digit = CliRun.of("sample", "--model", run.toString(), "--digit", "3");
    assertThat(digit.exitCode()).isEqualTo(2);
    assertThat(digit.err().strip()).isEqualTo("vae4j sample: --digit: the model in " + run
        + " is not conditional (kind mlp); it takes no label");
    assertThat(run.resolve("samples.png")).doesNotExist();
  }

  @Test
  void betaWarmupAndIwaeAreRecordedAndReported() throws IOException {
    Path data = data();
    Path beta = dir.resolve("beta");
    CliRun warm = CliRun.of(train(data, beta, "--beta", "4", "--kl-warmup", "1", "--epochs", "2"));
    assertThat(warm.exitCode()).as(warm.err()).isZero();
    JsonNode config = JSON.readTree(beta.resolve("metrics.json").toFile()).get("config");
    assertThat(config.get("beta").asDouble()).isEqualTo(4.0);
    assertThat(config.get("kl_warmup").asInt()).isEqualTo(1);
    JsonNode last = lastEpoch(beta);
    // after the warm-up the trained loss weighs the KL four times: recon + 4 KL, not the -ELBO
    assertThat(last.get("test_objective").asDouble())
        .isCloseTo(last.get("test_recon").asDouble() + 4 * last.get("test_kl").asDouble(),
            org.assertj.core.data.Offset.offset(1e-9));

    Path iwae = dir.resolve("iwae");
    CliRun k = CliRun.of(train(data, iwae, "--objective", "iwae", "--k", "3"));
    assertThat(k.exitCode()).as(k.err()).isZero();
    JsonNode epoch = lastEpoch(iwae);
    // the IWAE bound is tighter than the ELBO on the same model
    assertThat(epoch.get("test_objective").asDouble()).isLessThan(epoch.get("test_nelbo").asDouble());
    assertThat(ModelFile.load(iwae.resolve("model.safetensors"), new ReferenceGemm()).config().get("k").asInt())
        .isEqualTo(3);
  }

  @Test
  void badChoicesAreOneLineAndLeaveTheRunFolderAlone() throws IOException {
    Path data = data();
    Path run = dir.resolve("run");
    assertThat(CliRun.of(train(data, run)).exitCode()).isZero();
    byte[] model = Files.readAllBytes(run.resolve("model.safetensors"));
    String[][] cases = {
        {"--model", "gan", "--force"}, {"--k", "0", "--objective", "iwae", "--force"}, {"--beta", "-1", "--force"},
        {"--objective", "iwae", "--beta", "2", "--force"}, {"--k", "5", "--force"}, {"--kl-warmup", "-2", "--force"},
        {"--objective", "vi", "--force"}};
    String[] messages = {
        "vae4j train: --model must be one of mlp, cvae, conv, got 'gan'",
        "vae4j train: --k must be at least 1, got 0",
        "vae4j train: --beta must be a number >= 0 (the KL term's weight), got -1.0",
        "vae4j train: --beta weights the KL term of the elbo objective; iwae has none",
        "vae4j train: --k is the sample count of the iwae objective; elbo takes 1",
        "vae4j train: --kl-warmup must be at least 0, got -2",
        "vae4j train: --objective must be elbo or iwae, got 'vi'"};
    for (int i = 0; i < cases.length; i++) {
      CliRun bad = CliRun.of(train(data, run, cases[i]));
      assertThat(bad.exitCode()).as(String.join(" ", cases[i])).isEqualTo(2);
      assertThat(bad.err().strip()).isEqualTo(messages[i]);
    }
    assertThat(Files.readAllBytes(run.resolve("model.safetensors"))).isEqualTo(model);
  }

  @Test
  void anExperimentComparesKindsAndObjectivesAndResumesItsModels() throws IOException {
    Path data = data();
    Path out = dir.resolve("exp");
    CliRun first = CliRun.of(experiment(data, out, 1));
    assertThat(first.exitCode()).as(first.err()).isZero();
    String html = Files.readString(out.resolve("report.html"));
    assertThat(html).contains("<th>H = 16, d = 2</th><th>\u03b2 = 4, H = 16, d = 2</th>"
        + "<th>cvae, H = 16, d = 2</th><th>IWAE K = 2, H = 16, d = 2</th>", "samples showing the digit asked for",
        "trained objective on the test images", "-ELBO, beta 4", "IWAE (K = 2)");
    for (String folder : List.of("d2-h16", "d2-h16-beta4", "cvae-d2-h16", "d2-h16-iwae2")) {
      assertThat(out.resolve(folder).resolve("figures").resolve("prior-samples.png")).isRegularFile();
    }

    // Asked for more epochs, the experiment resumes each model from its checkpoint (its first epoch, timings
    // and all, stays as it was) ...
    JsonNode firstEpoch = JSON.readTree(out.resolve("d2-h16").resolve("metrics.json").toFile()).get("epochs").get(0);
    CliRun more = CliRun.of(experiment(data, out, 2));
    assertThat(more.exitCode()).as(more.err()).isZero();
    JsonNode epochs = JSON.readTree(out.resolve("d2-h16").resolve("metrics.json").toFile()).get("epochs");
    assertThat(epochs).hasSize(2);
    assertThat(epochs.get(0)).isEqualTo(firstEpoch);
    // ... to the same model as an experiment that ran two epochs from the start.
    Path fresh = dir.resolve("fresh");
    assertThat(CliRun.of(experiment(data, fresh, 2)).exitCode()).isZero();
    for (String folder : List.of("d2-h16", "cvae-d2-h16", "d2-h16-iwae2")) {
      assertThat(Files.readAllBytes(out.resolve(folder).resolve("model.safetensors")))
          .as(folder).isEqualTo(Files.readAllBytes(fresh.resolve(folder).resolve("model.safetensors")));
    }

    CliRun unknown = CliRun.of("experiment", "--data", data.toString(), "--models", "mlp:width=3");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err().strip()).isEqualTo("vae4j experiment: --models entry 'mlp:width=3': unknown key "
        + "'width'; the keys are latent, hidden, channels, objective, beta, kl-warmup and k");
  }

  private String[] experiment(Path data, Path out, int epochs) {
    return new String[] {"experiment", "--data", data.toString(), "--out", out.toString(), "--models",
        "mlp,mlp:beta=4,cvae,mlp:objective=iwae:k=2", "--latents", "2", "--hidden", "16", "--batch", "16", "--iw",
        "10", "--prior-samples", "50", "--classifier-cache", dir.resolve("cache").toString(), "--threads", "1",
        "--engine", "java", "--epochs", String.valueOf(epochs)};
  }
}
