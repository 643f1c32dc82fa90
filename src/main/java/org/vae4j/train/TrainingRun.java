package org.vae4j.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vae4j.AtomicFile;
import org.vae4j.PathCheck;
import org.vae4j.UserError;
import org.vae4j.data.Binarization;
import org.vae4j.data.ImageSet;
import org.vae4j.model.Elbo;
import org.vae4j.model.LossEvaluator;
import org.vae4j.model.ModelFile;
import org.vae4j.model.ModelSpec;
import org.vae4j.model.Objective;
import org.vae4j.model.ObjectiveSpec;
import org.vae4j.model.Vae;
import org.vae4j.nn.Gemm;
import org.vae4j.nn.Parallel;
import org.vae4j.nn.Rng;

/**
 * One run folder: trains a VAE, fresh or resumed from its checkpoint, on the images binarized as its
 * configuration says, and after every epoch measures it on the test images and writes model.safetensors,
 * checkpoint.safetensors and metrics.json into the folder (each atomically, in that order). Used by the train
 * command and by the experiment, which both resume through it.
 */
public final class TrainingRun {
  public static final String MODEL_FILE = ModelFile.NAME;
  public static final String METRICS_FILE = "metrics.json";
  public static final String CHECKPOINT_FILE = "checkpoint.safetensors";
  private static final List<String> FILES = List.of(MODEL_FILE, METRICS_FILE, CHECKPOINT_FILE);

  /** The trained model, its last epoch's metrics, and the wall time of this run (tests included). */
  public record Result(Vae vae, EpochMetrics last, double seconds) {}

  private TrainingRun() {}

  /**
   * Trains the run config describes on train, measuring test after every epoch, continuing from resumeFrom
   * when it is not null (a checkpoint of this folder: it must describe this run, but for a higher epoch
   * count, and fit these images). Logs one line saying what it trains to log; progress reports the epochs.
   */
  public static Result run(Path outDir, RunConfig config, ImageSet train, ImageSet test, Gemm gemm, Parallel parallel,
                           Progress progress, PrintStream log, CheckpointFile.Checkpoint resumeFrom) {
    TrainOptions options = config.options();
    ModelSpec spec = config.model();
    if (resumeFrom != null) {
      checkResumable(outDir, resumeFrom, config, train, test);
    }
    Rng rng = new Rng(options.seed());
    Vae vae = new Vae(spec.architecture(), gemm, parallel);
    vae.init(rng);
    ObjectiveSpec objectiveSpec = config.objective();
    Objective objective = objectiveSpec.create(vae);
    long stepsPerEpoch = (train.count() + options.batch() - 1) / options.batch();
    VaeTraining task = new VaeTraining(objective, objectiveSpec, options.binarization(), stepsPerEpoch);
    Trainer trainer = new Trainer(task, options.epochs(), options.batch(), options.learningRate(), options.clip(),
        Trainer.Schedule.CONSTANT, rng, progress);
    if (resumeFrom != null) {
      System.arraycopy(resumeFrom.params(), 0, vae.parameters().values(), 0, resumeFrom.params().length);
      trainer.resume(resumeFrom.state());
    }
    MetricsFile metrics = new MetricsFile(outDir.resolve(METRICS_FILE), config,
        resumeFrom == null ? List.of() : resumeFrom.metrics());
    log.printf(Locale.ROOT, "vae4j: %s a %s VAE %s on %s (%d train / %d test images): objective %s, epochs %d, "
            + "batch %d, Adam lr %s%s%s, engine %s, %d threads -> %s%n",
        resumeFrom == null ? "training" : "resuming after epoch " + resumeFrom.state().epoch() + ",",
        spec.kind(), spec.sizes(), config.dataset(), train.count(), test.count(), objectiveSpec.describe(),
        options.epochs(), options.batch(), options.learningRate(),
        options.clipping() ? ", clip " + options.clip() : "",
        options.binarization() == Binarization.NONE ? "" : ", " + options.binarization().value() + " binarization",
        gemm.name(), parallel.threads(), outDir);
    long start = System.nanoTime();
    ImageSet trainImages = options.binarization().trainImages(train);
    ImageSet testImages = options.binarization().testImages(test);
    Elbo nelbo = objectiveSpec.isPlainElbo() ? (Elbo) objective : new Elbo(vae);
    String objectiveLabel = objectiveSpec.isPlainElbo() ? null : objectiveSpec.describe();
    List<EpochMetrics> done = new ArrayList<>(metrics.epochs());
    ObjectNode modelFileEntries = config.modelFileEntries();
    if (!train.classNames().isEmpty()) {
      train.classNames().forEach(modelFileEntries.putArray("class_names")::add);
    }
    try {
      trainer.train(trainImages, stats -> {
        EpochMetrics m = measure(stats, task, nelbo, objective, objectiveSpec, testImages, options.batch(),
            rng, stepsPerEpoch, trainer);
        progress.epochDone(m, options.epochs(), objectiveLabel);
        done.add(m);
        // Model, then checkpoint, then metrics: when a write fails (a full disk), the files already written
        // are never ahead of the checkpoint by more than the model of an epoch that a resume redoes exactly.
        ModelFile.save(outDir.resolve(MODEL_FILE), vae, modelFileEntries);
        CheckpointFile.save(outDir.resolve(CHECKPOINT_FILE), vae, trainer.state(), config, done);
        metrics.add(m);
      });
    } catch (TrainingDiverged e) {
      int kept = e.epoch() - 1;
      throw e.withNote(kept >= 1 ? "; kept the last good checkpoint (epoch " + kept + ") and model in " + outDir
          : "; no epoch completed, so nothing was saved");
    }
    EpochMetrics last = done.isEmpty() ? null : done.get(done.size() - 1);
    return new Result(vae, last, (System.nanoTime() - start) / 1e9);
  }

  /** The epoch's numbers: its training sums, then the test -ELBO and, when it is another, the test objective. */
  private static EpochMetrics measure(Trainer.EpochStats stats, VaeTraining task, Elbo nelbo,
                                      Objective objective, ObjectiveSpec spec, ImageSet test, int batch, Rng rng,
                                      long stepsPerEpoch, Trainer trainer) {
    double[] sums = task.takeSums();
    int n = stats.images();
    double trainRecon = sums[0] / n;
    double trainKl = sums[1] / n;
    LossEvaluator.Estimate e = new LossEvaluator(batch, rng).evaluate(nelbo, test);
    if (!Double.isFinite(e.loss())) {
      throw trainer.diverged(stats.epoch(), 0, "the test loss is " + e.loss());
    }
    double testObjective;
    if (spec.isPlainElbo()) {
      testObjective = e.loss();
    } else if (spec.name().equals(ObjectiveSpec.IWAE)) {
      testObjective = new LossEvaluator(batch, rng).evaluate(objective, test).loss();
    } else {
      testObjective = e.recon() + spec.betaAt(trainer.state().adamStep(), stepsPerEpoch) * e.kl();
    }
    double trainNelbo = spec.isPlainElbo() ? stats.meanLoss() : trainRecon + trainKl;
    return new EpochMetrics(stats.epoch(), trainNelbo, e.loss(), e.recon(), e.kl(), stats.seconds(),
        stats.imagesPerSecond(), trainRecon, trainKl, stats.meanLoss(), testObjective);
  }

  /**
   * Refuses, in one line naming the setting, a run whose model and batch would not fit the heap this JVM
   * can still grow into: call it before anything of the run is written.
   */
  public static void checkFits(RunConfig config) {
    MemoryNeed.check(config.model().architecture(), config.options().batch(), config.objective().k(),
        MemoryNeed.availableHeap());
  }

  /** The checkpoint must describe this run (but for a higher epoch count) and fit these images. */
  private static void checkResumable(Path dir, CheckpointFile.Checkpoint checkpoint, RunConfig config, ImageSet train,
                                     ImageSet test) {
    Path file = dir.resolve(CHECKPOINT_FILE);
    RunConfig stored = checkpoint.config();
    ModelSpec spec = stored.model();
    if (spec.rows() != train.rows() || spec.cols() != train.cols()) {
      throw new UserError(file + ": the model takes images of " + spec.input() + " pixels (" + spec.rows() + "x"
          + spec.cols() + "), but the " + stored.dataset() + " data has " + train.rows() + "x" + train.cols());
    }
    if (!stored.withEpochs(config.options().epochs()).sameTraining(config)) {
      throw new IllegalArgumentException(file + ": resumed with another configuration than its own");
    }
    if (checkpoint.state().epoch() > config.options().epochs()) {
      throw new IllegalArgumentException(file + ": holds " + checkpoint.state().epoch() + " epochs, more than "
          + config.options().epochs());
    }
    if (train.count() != stored.trainImages() || test.count() != stored.testImages()
        || checkpoint.state().order().length != train.count()) {
      throw new UserError(file + ": the run used " + stored.trainImages() + " training and " + stored.testImages()
          + " test images, but " + train.count() + " and " + test.count() + " are available");
    }
  }

  /** The folder's checkpoint, or null when it has none; a damaged one is a one-line UserError. */
  public static CheckpointFile.Checkpoint checkpoint(Path dir) {
    Path file = dir.resolve(CHECKPOINT_FILE);
    return Files.isRegularFile(file) ? CheckpointFile.load(file) : null;
  }

  /** Whether dir holds a model or a checkpoint, which a new run there would replace. */
  public static boolean holdsRun(Path dir) {
    return Files.exists(dir.resolve(MODEL_FILE)) || Files.exists(dir.resolve(CHECKPOINT_FILE));
  }

  /** A killed run may leave the temporary file of an atomic write behind (".model.safetensors.PID.N.tmp"). */
  public static void removeStaleTemporaryFiles(Path dir) {
    try (var files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String name = f.getFileName().toString();
        boolean ours = FILES.stream().anyMatch(n -> name.startsWith("." + n + "."));
        if (ours && name.endsWith(".tmp")) {
          Files.deleteIfExists(f);
        }
      }
    } catch (IOException e) {
      // Harmless leftovers: the run itself does not need them gone.
    }
  }

  /** Fails before training, not after an hour of it, when the folder cannot be written. */
  public static void prepareOutDir(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      String problem = PathCheck.whyNotAFolder(dir);
      throw new UserError(dir + ": cannot create the folder: "
          + (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && problem != null ? problem : AtomicFile.reason(e)));
    }
    if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
      throw new UserError(dir + ": the folder is not writable");
    }
  }
}
