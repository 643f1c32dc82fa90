package org.vae4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.data.Dataset;
import org.vae4j.data.DatasetProvider;
import org.vae4j.model.ModelFile;
import org.vae4j.model.Vae;
import org.vae4j.model.VaeConfig;
import org.vae4j.nn.ReferenceGemm;
import org.vae4j.nn.Rng;
import org.vae4j.train.CheckpointFile;
import org.vae4j.train.EpochMetrics;
import org.vae4j.train.Progress;
import org.vae4j.train.TrainOptions;
import org.vae4j.train.Trainer;
import org.vae4j.train.TrainingDiverged;

/**
 * Guarded training in the middle of a run: after a good first epoch is saved, a parameter turns NaN (as an
 * overflow would make it); the second epoch stops at its first batch and the first epoch's checkpoint and
 * model stay on disk, byte for byte, and load.
 */
class DivergenceKeepsCheckpointTest {
  private static final Progress SILENT = new Progress() {
    @Override
    public void epochStarted(int epoch, int epochs, int images) {}

    @Override
    public void batchDone(int images, double loss) {}

    @Override
    public void epochDone(EpochMetrics metrics, int epochs) {}
  };

  @TempDir
  Path dir;

  @Test
  void aNanInTheSecondEpochStopsTrainingAndKeepsTheFirstEpochsFiles() throws Exception {
    Dataset data = DatasetProvider.load("mnist", FakeData.write(dir.resolve("data"), 40, 4, 4),
        new PrintStream(OutputStream.nullOutputStream()));
    Vae vae = new Vae(new VaeConfig(16, 8, 2), new ReferenceGemm());
    Rng rng = new Rng(1);
    vae.init(rng);
    Path checkpoint = dir.resolve("checkpoint.safetensors");
    Path model = dir.resolve("model.safetensors");
    List<EpochMetrics> metrics = new ArrayList<>();
    Trainer trainer = new Trainer(vae, new TrainOptions(3, 8, 1e-3, 1), rng, SILENT);

    assertThatThrownBy(() -> trainer.train(data.train(), data.test(), (m, state) -> {
      metrics.add(m);
      ModelFile.save(model, vae, Map.of());
      CheckpointFile.save(checkpoint, vae, state, Map.of("seed", 1), metrics);
      vae.parameters().values()[5] = Float.NaN; // the fault, right after a good epoch was saved
    })).isInstanceOf(TrainingDiverged.class)
        .hasMessage("training stopped in epoch 2, batch 1: the loss is NaN (try a smaller --lr or --clip, "
            + "e.g. --clip 100)");

    assertThat(metrics).hasSize(1);
    CheckpointFile.Checkpoint kept = CheckpointFile.load(checkpoint);
    assertThat(kept.state().epoch()).isEqualTo(1);
    assertThat(kept.params()[5]).isFinite();
    assertThat(ModelFile.load(model, new ReferenceGemm()).vae().parameters().values()[5]).isFinite();
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("data", "checkpoint.safetensors", "model.safetensors");
    }
  }

  @Test
  void nonFiniteParametersAtTheEndOfAnEpochAreNeverHandedOnToBeSaved() throws Exception {
    Dataset data = DatasetProvider.load("mnist", FakeData.write(dir.resolve("data"), 40, 4, 4),
        new PrintStream(OutputStream.nullOutputStream()));
    Vae vae = new Vae(new VaeConfig(16, 8, 2), new ReferenceGemm());
    vae.init(new Rng(1));
    // An enormous step makes the parameters overflow; whichever check trips first, nothing is saved.
    Trainer trainer = new Trainer(vae, new TrainOptions(1, 40, 1e38, 1), new Rng(1), SILENT);
    List<EpochMetrics> saved = new ArrayList<>();
    assertThatThrownBy(() -> trainer.train(data.train(), data.test(), (m, s) -> saved.add(m)))
        .isInstanceOf(TrainingDiverged.class).hasMessageContaining("training stopped in epoch 1");
    assertThat(saved).isEmpty();
  }
}
