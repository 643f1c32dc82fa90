package org.vae4j.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vae4j.AtomicFile;
import org.vae4j.PathCheck;
import org.vae4j.UsageError;
import org.vae4j.UserError;
import org.vae4j.data.Binarization;
import org.vae4j.data.ImageSet;
import org.vae4j.model.ModelFile;
import org.vae4j.model.Vae;
import org.vae4j.model.VaeConfig;
import org.vae4j.nn.Gemm;
import org.vae4j.nn.Parallel;
import org.vae4j.nn.Rng;

/**
 * One run folder: trains a VAE, fresh or resumed from its checkpoint, on the images binarized as its
 * options say, and after every epoch writes model.safetensors, checkpoint.safetensors and metrics.json into
 * the folder (each atomically, in that order). Used by the train command and by the experiment.
 */
public final class TrainingRun {
  public static final String MODEL_FILE = "model.safetensors";
  public static final String METRICS_FILE = "metrics.json";
  public static final String CHECKPOINT_FILE = "checkpoint.safetensors";

  /**
   * What to train: the dataset's name and the folder given for it (or null; both recorded so that a
   * resume finds the same data), the sizes, and how to train.
   */
  public record Spec(String dataset, Path data, int hidden, int latent, TrainOptions options) {
    public Spec {
      VaeConfig.checkSizes(hidden, latent);
    }
  }

  /** The trained model, its last epoch's metrics, and the wall time of this run (tests included). */
  public record Result(Vae vae, EpochMetrics last, double seconds) {}

  private TrainingRun() {}

  /**
   * Trains spec on train, measuring test after every epoch, continuing from resumeFrom when it is not
   * null (the caller has checked that it belongs to this spec and data). Logs one line saying what it
   * trains to log; progress reports the epochs.
   */
  public static Result run(Path outDir, Spec spec, ImageSet train, ImageSet test, Gemm gemm, Parallel parallel,
                           Progress progress, PrintStream log, CheckpointFile.Checkpoint resumeFrom) {
    TrainOptions options = spec.options();
    Rng rng = new Rng(options.seed());
    VaeConfig shape = new VaeConfig(train.pixels(), spec.hidden(), spec.latent());
    Vae vae = new Vae(shape, gemm, parallel);
    vae.init(rng);
    Trainer trainer = new Trainer(vae, options, rng, progress);
    if (resumeFrom != null) {
      resumeFrom.checkFits(outDir.resolve(CHECKPOINT_FILE), shape);
      System.arraycopy(resumeFrom.params(), 0, vae.parameters().values(), 0, resumeFrom.params().length);
      trainer.resume(resumeFrom.state());
    }

    Map<String, Object> config = new LinkedHashMap<>();
    config.put("dataset", spec.dataset());
    config.put("rows", train.rows());
    config.put("cols", train.cols());
    config.put("input", train.pixels());
    config.put("hidden", spec.hidden());
    config.put("latent", spec.latent());
    config.put("epochs", options.epochs());
    config.put("batch", options.batch());
    config.put("lr", options.learningRate());
    config.put("seed", options.seed());
    config.put("clip", options.clip());
    config.put("binarize", options.binarization().value());
    config.put("threads", parallel.threads());
    config.put("engine", gemm.name());
    config.put("train_images", train.count());
    config.put("test_images", test.count());
    config.put("data", spec.data() == null ? null : spec.data().toAbsolutePath().toString());
    config.put("java", System.getProperty("java.version"));
    MetricsFile metrics = new MetricsFile(outDir.resolve(METRICS_FILE), config,
        resumeFrom == null ? List.of() : resumeFrom.metrics());
    Map<String, Object> modelConfig = new LinkedHashMap<>(config);
    modelConfig.keySet().retainAll(List.of("dataset", "rows", "cols", "epochs", "batch", "lr", "seed", "binarize"));

    log.printf(Locale.ROOT, "vae4j: %s a %d-%d-%d VAE on %s (%d train / %d test images): epochs %d, "
            + "batch %d, Adam lr %s%s%s, engine %s, %d threads -> %s%n",
        resumeFrom == null ? "training" : "resuming after epoch " + resumeFrom.state().epoch() + ",",
        train.pixels(), spec.hidden(), spec.latent(), spec.dataset(), train.count(), test.count(),
        options.epochs(), options.batch(), options.learningRate(),
        options.clipping() ? ", clip " + options.clip() : "",
        options.binarization() == Binarization.NONE ? "" : ", " + options.binarization().value() + " binarization",
        gemm.name(), parallel.threads(), outDir);
    long start = System.nanoTime();
    EpochMetrics last;
    try {
      // Model, then checkpoint, then metrics: when a write fails (a full disk), the files already written
      // are never ahead of the checkpoint by more than the model of an epoch that a resume redoes exactly.
      ImageSet trainImages = options.binarization().trainImages(train);
      ImageSet testImages = options.binarization().testImages(test);
      last = trainer.train(trainImages, testImages, (m, state) -> {
        List<EpochMetrics> upToNow = new ArrayList<>(metrics.epochs());
        upToNow.add(m);
        ModelFile.save(outDir.resolve(MODEL_FILE), vae, modelConfig);
        CheckpointFile.save(outDir.resolve(CHECKPOINT_FILE), vae, state, config, upToNow);
        metrics.add(m);
      });
    } catch (TrainingDiverged e) {
      int kept = e.epoch() - 1;
      throw new UserError(e.getMessage() + (kept >= 1
          ? "; kept the last good checkpoint (epoch " + kept + ") and model in " + outDir
          : "; no epoch completed, so nothing was saved"), e);
    }
    return new Result(vae, last, (System.nanoTime() - start) / 1e9);
  }

  /**
   * Refuses to overwrite an earlier run's model unless force says so. Even then the earlier files stay
   * until the new run's first epoch replaces them (model and checkpoint together), so a new run that
   * fails early loses nothing.
   */
  public static void refuseToOverwrite(Path dir, boolean force) {
    boolean holdsRun = Files.exists(dir.resolve(MODEL_FILE)) || Files.exists(dir.resolve(CHECKPOINT_FILE));
    if (holdsRun && !force) {
      throw new UsageError("--out " + dir + " already holds a model; pass --resume " + dir
          + " to continue that run, --force to replace it, or another --out");
    }
  }

  /** Fails before training, not after an hour of it, when the folder cannot be written. */
  public static void prepareOutDir(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      String problem = PathCheck.whyNotAFolder(dir);
      throw new UserError("--out " + dir + ": cannot create the folder: "
          + (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && problem != null ? problem : AtomicFile.reason(e)));
    }
    if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
      throw new UserError("--out " + dir + ": the folder is not writable");
    }
  }
}
