package org.vae4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.data.ImageFolders;
import org.vae4j.export.OnnxRuntimeSession;
import org.vae4j.model.VaeModel;
import org.vae4j.nn.GemmEngines;

/**
 * A model trained on a folder of images (Fashion-MNIST as PNG files, a folder per class), then evaluated,
 * drawn, exported, loaded for applications and resumed from the folder the run recorded; and the command
 * line's one-line errors for folders.
 */
class ImageFolderCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  void trainEvalFiguresAndExportWorkOnAFolderOfPngs() throws Exception {
    Path folder = ImageFolders.fashionPngs(dir.resolve("fashion-png"), 400);
    Path run = dir.resolve("run");
    CliRun train = CliRun.of("train", "--data", folder.toString(), "--out", run.toString(), "--model", "cvae",
        "--epochs", "1", "--hidden", "32", "--latent", "2", "--batch", "32", "--threads", "1", "--image-size",
        "14x14", "--test-fraction", "0.25");
    assertThat(train.exitCode()).as(train.err()).isZero();
    JsonNode config = JSON.readTree(run.resolve("metrics.json").toFile()).get("config");
    assertThat(config.get("dataset").asText()).isEqualTo("fashion-png");
    assertThat(config.get("images").toString()).isEqualTo("{\"width\":14,\"height\":14,\"test_fraction\":0.25}");
    assertThat(config.get("rows").asInt()).isEqualTo(14);
    assertThat(config.get("classes").asInt()).isEqualTo(10);
    assertThat(config.get("test_images").asInt()).isEqualTo(100);

    CliRun eval = CliRun.of("eval", "--model", run.toString(), "--iw", "5", "--prior-samples", "100",
        "--no-sample-quality", "--threads", "1");
    assertThat(eval.exitCode()).as(eval.err()).isZero();
    assertThat(JSON.readTree(run.resolve("metrics.json").toFile()).path("evaluation").has("latent_classification"))
        .isTrue();

    CliRun figures = CliRun.of("figures", "--model", run.toString(), "--only", "latent-scatter,reconstructions",
        "--threads", "1");
    assertThat(figures.exitCode()).as(figures.err()).isZero();
    assertThat(run.resolve("figures/latent-scatter.png")).isRegularFile();

    CliRun export = CliRun.of("export", "--model", run.toString());
    assertThat(export.exitCode()).as(export.err()).isZero();
    try (OnnxRuntimeSession decoder = new OnnxRuntimeSession(run.resolve("onnx/decoder.onnx"))) {
      assertThat(decoder.metadata()).containsEntry("image_shape", "1x14x14").containsEntry("classes", "10")
          .containsEntry("dataset", "fashion-png").containsEntry("class_names", JSON.writeValueAsString(
              ImageFolders.FASHION_CLASSES.stream().sorted().toList()));
      assertThat(decoder.run(Map.of("z", new float[2]), 1, new long[] {3}).get("pixels")).hasSize(196);
    }

    try (VaeModel model = VaeModel.load(run, GemmEngines.JAVA, 1, new PrintStream(PrintStream.nullOutputStream()))) {
      assertThat(model.classNames()).isEqualTo(ImageFolders.FASHION_CLASSES.stream().sorted().toList());
      assertThat(model.sample(3, new int[] {0, 1, 2}, 1)).hasSize(3 * 196);
    }

    CliRun further = CliRun.of("train", "--resume", run.toString(), "--epochs", "2");
    assertThat(further.exitCode()).as(further.err()).isZero();
    CliRun conflict = CliRun.of("train", "--resume", run.toString(), "--epochs", "3", "--image-size", "28x28");
    assertThat(conflict.exitCode()).isEqualTo(2);
    assertThat(conflict.err()).contains("--image-size 28x28 conflicts with the run in " + run
        + ", which has --image-size 14x14");
  }

  @Test
  void unlabelledImagesTrainTheUnconditionalModelAndEvaluateWithoutLabels() throws Exception {
    Path folder = dir.resolve("plain");
    BufferedImage image = new BufferedImage(6, 6, BufferedImage.TYPE_BYTE_GRAY);
    for (int i = 0; i < 40; i++) {
      image.getRaster().setSample(i % 6, i / 6 % 6, 0, 255);
      ImageFolders.write(image, folder.resolve(i + ".png"), "png");
    }
    Path run = dir.resolve("run");
    CliRun train = CliRun.of("train", "--data", folder.toString(), "--out", run.toString(), "--epochs", "1",
        "--hidden", "8", "--latent", "2", "--batch", "8", "--threads", "1");
    assertThat(train.exitCode()).as(train.err()).isZero();
    CliRun eval = CliRun.of("eval", "--model", run.toString(), "--iw", "5", "--prior-samples", "100",
        "--threads", "1");
    assertThat(eval.exitCode()).as(eval.err()).isZero();
    JsonNode evaluation = JSON.readTree(run.resolve("metrics.json").toFile()).path("evaluation");
    assertThat(evaluation.has("log_likelihood")).isTrue();
    assertThat(evaluation.path("latent_classification").isNull()).isTrue();
    assertThat(evaluation.path("sample_quality").isNull()).isTrue();
    CliRun figures = CliRun.of("figures", "--model", run.toString(), "--threads", "1");
    assertThat(figures.exitCode()).as(figures.err()).isZero();

    CliRun conditional = CliRun.of("train", "--data", folder.toString(), "--out", dir.resolve("c").toString(),
        "--model", "cvae", "--epochs", "1");
    assertThat(conditional.exitCode()).isEqualTo(1);
    assertThat(conditional.err().strip()).isEqualTo("vae4j train: the conditional model cvae needs labelled images, "
        + "and these have none (a folder of images takes its labels from its class folders)");
  }

  @Test
  void folderOptionsWithIdxDataOrADatasetNameAreUsageErrors() throws Exception {
    Path idx = FakeData.write(dir.resolve("idx"), 10, 4, 4);
    CliRun size = CliRun.of("train", "--data", idx.toString(), "--out", dir.resolve("a").toString(),
        "--image-size", "8x8");
    assertThat(size.exitCode()).isEqualTo(2);
    assertThat(size.err().strip()).isEqualTo("vae4j train: --image-size is for a --data folder of images; " + idx
        + " holds IDX files");

    Path folder = dir.resolve("images");
    ImageFolders.write(new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY), folder.resolve("1.png"), "png");
    CliRun named = CliRun.of("train", "--data", folder.toString(), "--dataset", "mnist", "--out",
        dir.resolve("b").toString());
    assertThat(named.exitCode()).isEqualTo(2);
    assertThat(named.err()).contains("--dataset mnist names a dataset of IDX files, but --data " + folder
        + " is a folder of images");

    CliRun badSize = CliRun.of("train", "--data", folder.toString(), "--image-size", "big", "--out",
        dir.resolve("c").toString());
    assertThat(badSize.exitCode()).isEqualTo(2);
    assertThat(badSize.err().strip()).isEqualTo("vae4j train: --image-size must be WxH, e.g. 28x28, got 'big'");
    assertThat(Files.exists(dir.resolve("c/model.safetensors"))).isFalse();
    assertThat(List.of(size, named, badSize)).allSatisfy(r -> assertThat(r.err().strip()).doesNotContain("\n"));
  }
}
