package org.vae4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.data.Dataset;
import org.vae4j.data.ImageSet;
import org.vae4j.data.TestData;
import org.vae4j.eval.ImportanceSampling;
import org.vae4j.model.LossEvaluator;
import org.vae4j.model.ModelFile;
import org.vae4j.model.ModelSpec;
import org.vae4j.model.ObjectiveSpec;
import org.vae4j.model.Vae;
import org.vae4j.nn.Parallel;
import org.vae4j.nn.ReferenceGemm;
import org.vae4j.nn.Rng;
import org.vae4j.nn.VectorGemm;

/**
 * Files written by vae4j before model kinds existed (format version 1, src/test/resources/golden/v1 and its
 * README) still load as the MLP they are and give the numbers that code gave: the model's test -ELBO and
 * importance-weighted NLL, and its checkpoint resumes to the very same model bytes and recorded test -ELBO.
 */
class VersionOneFilesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private static Path golden(String name) throws URISyntaxException {
    return Path.of(VersionOneFilesTest.class.getResource("/golden/v1/" + name).toURI());
  }

  @Test
  void theModelLoadsAsAnMlpAndGivesTheNumbersItGaveThen() throws Exception {
    ModelFile.Loaded loaded = ModelFile.load(golden("model.safetensors"), new ReferenceGemm());
    Vae vae = loaded.vae();
    assertThat(vae.spec()).isEqualTo(ModelSpec.mlp(28, 28, 64, 4));
    assertThat(loaded.config().get("version").asInt()).isEqualTo(1);
    JsonNode expected = JSON.readTree(golden("expected.json").toFile());
    ImageSet test = TestData.mnist().test().first(expected.get("test_images").asInt());

    LossEvaluator.Estimate e = new LossEvaluator(128, new Rng(7), 1).nelbo(vae, test);
    // the same arithmetic but for the order of a sum: equal to within rounding
    assertThat(e.loss()).isCloseTo(expected.at("/nelbo_seed7/nelbo").asDouble(), within(1e-9));
    assertThat(e.recon()).isCloseTo(expected.at("/nelbo_seed7/recon").asDouble(), within(1e-9));
    assertThat(e.kl()).isCloseTo(expected.at("/nelbo_seed7/kl").asDouble(), within(1e-9));
    ImportanceSampling.Estimate iw = new ImportanceSampling(10, new Rng(8)).estimate(vae, test);
    assertThat(iw.nll()).isCloseTo(expected.at("/iw10_seed8/nll").asDouble(), within(1e-9));
  }

  @Test
  void theCheckpointResumesToTheSameModelAndRecordedTestElbo() throws Exception {
    Path run = Files.createDirectories(dir.resolve("run"));
    Files.copy(golden("checkpoint-epoch1.safetensors"), run.resolve(TrainingRun.CHECKPOINT_FILE));
    CheckpointFile.Checkpoint checkpoint = CheckpointFile.load(run.resolve(TrainingRun.CHECKPOINT_FILE));
    RunConfig config = checkpoint.config();
    assertThat(config.model()).isEqualTo(ModelSpec.mlp(28, 28, 64, 4));
    assertThat(config.objective()).isEqualTo(ObjectiveSpec.NELBO);
    assertThat(checkpoint.state().epoch()).isEqualTo(1);

    Dataset mnist = TestData.mnist();
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    // the run used java-vector on one thread; both pure-Java engines give the same bits for any thread count
    try (Parallel parallel = new Parallel(1)) {
      TrainingRun.run(run, config, mnist.train().first(config.trainImages()), mnist.test().first(config.testImages()),
          new VectorGemm(parallel), parallel, Progress.NONE, quiet, checkpoint);
    }

    Vae resumed = ModelFile.load(run.resolve(TrainingRun.MODEL_FILE), new ReferenceGemm()).vae();
    Vae recorded = ModelFile.load(golden("model.safetensors"), new ReferenceGemm()).vae();
    assertThat(resumed.parameters().values()).containsExactly(recorded.parameters().values());
    MetricsFile.Recorded now = MetricsFile.read(run.resolve(TrainingRun.METRICS_FILE));
    MetricsFile.Recorded then = MetricsFile.read(golden("metrics.json"));
    assertThat(now.epochs()).hasSize(2);
    assertThat(now.last().testNelbo()).isCloseTo(then.last().testNelbo(), within(1e-9));
    assertThat(now.last().trainNelbo()).isEqualTo(then.last().trainNelbo());
    assertThat(now.epochs().get(0)).isEqualTo(then.epochs().get(0));
    assertThat(now.last().trainObjective()).isEqualTo(now.last().trainNelbo());
  }
}
