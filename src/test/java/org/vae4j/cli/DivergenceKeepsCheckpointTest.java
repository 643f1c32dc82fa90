package org.vae4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.data.Binarization;
import org.vae4j.data.Dataset;
import org.vae4j.data.DatasetProvider;
import org.vae4j.model.Elbo;
import org.vae4j.model.ModelFile;
import org.vae4j.model.ObjectiveSpec;
import org.vae4j.model.TestModels;
import org.vae4j.model.Vae;
import org.vae4j.nn.ReferenceGemm;
import org.vae4j.nn.Rng;
import org.vae4j.train.CheckpointFile;
import org.vae4j.train.EpochMetrics;
import org.vae4j.train.Progress;
import org.vae4j.train.RunConfig;
import org.vae4j.train.TestRuns;
import org.vae4j.train.Trainer;
import org.vae4j.train.TrainingDiverged;
import org.vae4j.train.VaeTraining;

/**
 * Guarded training in the middle of a run: after a good first epoch is saved, a parameter turns NaN (as an
 * overflow would make it); the second epoch stops at its first batch and the first epoch's checkpoint and
 * model stay on disk, byte for byte, and load.
 */
class DivergenceKeepsCheckpointTest {
  @TempDir
  Path dir;

  @Test
  void aNanInTheSecondEpochStopsTrainingAndKeepsTheFirstEpochsFiles() throws Exception {
    Dataset data = DatasetProvider.load("mnist", FakeData.write(dir.resolve("data"), 40, 4, 4),
        new PrintStream(OutputStream.nullOutputStream()));
    RunConfig config = TestRuns.config(TestModels.mlp(16, 8, 2), 3);
    Vae vae = new Vae(config.model().architecture(), new ReferenceGemm());
    Rng rng = new Rng(1);
    vae.init(rng);
    Path checkpoint = dir.resolve("checkpoint.safetensors");
    Path model = dir.resolve("model.safetensors");
    List<EpochMetrics> metrics = new ArrayList<>();
    Trainer trainer = trainer(vae, 3, 8, 1e-3, rng);

    assertThatThrownBy(() -> trainer.train(data.train(), stats -> {
      metrics.add(TestRuns.epoch(stats.epoch(), stats.meanLoss(), 0, 0, 0, 0, 0, 0, 0));
      ModelFile.save(model, vae, TestModels.json());
      CheckpointFile.save(checkpoint, vae, trainer.state(), config, metrics);
      vae.parameters().values()[5] = Float.NaN; // the fault, right after a good epoch was saved
    })).isInstanceOf(TrainingDiverged.class)
        .hasMessage("training stopped in epoch 2, batch 1: the loss is NaN");

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
    Vae vae = new Vae(TestModels.mlp(16, 8, 2).architecture(), new ReferenceGemm());
    vae.init(new Rng(1));
    // An enormous step makes the parameters overflow; whichever check trips first, nothing is saved.
    Trainer trainer = trainer(vae, 1, 40, 1e38, new Rng(1));
    List<Trainer.EpochStats> saved = new ArrayList<>();
    assertThatThrownBy(() -> trainer.train(data.train(), saved::add))
        .isInstanceOf(TrainingDiverged.class).hasMessageContaining("training stopped in epoch 1");
    assertThat(saved).isEmpty();
  }

  /** The loop training vae's plain -ELBO on grey pixels. */
  private static Trainer trainer(Vae vae, int epochs, int batch, double lr, Rng rng) {
    VaeTraining task = new VaeTraining(new Elbo(vae), ObjectiveSpec.NELBO, Binarization.NONE, 1);
    return new Trainer(task, epochs, batch, lr, 0, Trainer.Schedule.CONSTANT, rng, Progress.NONE);
  }
}
