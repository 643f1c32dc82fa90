package org.vae4j.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.UserError;
import org.vae4j.data.Dataset;
import org.vae4j.data.FolderOptions;
import org.vae4j.data.ImageFolder;
import org.vae4j.data.ImageFolders;
import org.vae4j.model.ModelSpec;
import org.vae4j.model.ObjectiveSpec;
import org.vae4j.nn.JavaGemm;
import org.vae4j.nn.Parallel;
import org.vae4j.train.Progress;
import org.vae4j.train.RunConfig;
import org.vae4j.train.TrainOptions;
import org.vae4j.train.TrainingRun;

/** vae4j serve on models trained on folders of images: read again as the run read them; no labels, one line. */
class ExplorerOnImageFoldersTest {
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  @TempDir
  Path dir;

  @Test
  void aModelOfAFolderPerClassOpensFromTheFolderItsRunRecorded() {
    Path run = train(ImageFolders.fashionPngs(dir.resolve("fashion-png"), 200));
    Explorer explorer = Explorer.open(run, Explorer.Options.defaults(null, "java", 1, null), QUIET);
    assertThat(explorer.models()).containsExactly("run");
  }

  @Test
  void aModelOfImagesWithoutLabelsIsRefusedInOneLine() {
    Path folder = dir.resolve("plain");
    for (int i = 0; i < 20; i++) {
      BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
      image.getRaster().setSample(i % 4, i / 4 % 4, 0, 200);
      ImageFolders.write(image, folder.resolve(i + ".png"), "png");
    }
    Path run = train(folder);
    assertThatThrownBy(() -> Explorer.open(run, Explorer.Options.defaults(null, "java", 1, null), QUIET))
        .isInstanceOf(UserError.class).hasMessage(run.resolve(TrainingRun.MODEL_FILE) + ": the model was trained on "
            + "images without labels, and the explorer colours and neighbours by label");
  }

  /** One epoch of a small MLP model on the folder, into dir/run. */
  private Path train(Path folder) {
    Dataset data = ImageFolder.read(folder, new FolderOptions(null, 0.25), QUIET);
    Path run = dir.resolve("run");
    RunConfig config = new RunConfig(data.name(), folder, data.folder(), ModelSpec.mlp(data.train().rows(),
        data.train().cols(), 16, 2), ObjectiveSpec.NELBO, new TrainOptions(1, 16, 1e-3, 1), 1, "java",
        data.train().count(), data.test().count(), "17");
    TrainingRun.prepareOutDir(run);
    TrainingRun.run(run, config, data.train(), data.test(), new JavaGemm(1), Parallel.SERIAL, Progress.NONE, QUIET,
        null);
    return run;
  }
}
