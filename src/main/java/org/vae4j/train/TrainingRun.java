package org.vae4j.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vae4j.AtomicFile;
import org.vae4j.UserError;
import org.vae4j.data.ImageSet;
import org.vae4j.model.ModelFile;
import org.vae4j.model.Vae;
import org.vae4j.model.VaeConfig;
import org.vae4j.nn.Gemm;
import org.vae4j.nn.Parallel;
import org.vae4j.nn.Rng;

/**
 * One run folder: trains a freshly initialized VAE and, after every epoch, writes model.safetensors and
 * metrics.json into the folder (each atomically). Used by the train command and by the experiment.
 */
public final class TrainingRun {
  public static final String MODEL_FILE = "model.safetensors";
  public static final String METRICS_FILE = "metrics.json";

  /** What to train: the dataset's name (recorded in the files), the sizes, and how to train. */
  public record Spec(String dataset, int hidden, int latent, TrainOptions options) {
    public Spec {
      VaeConfig.checkSizes(hidden, latent);
    }
  }

  /** The trained model, its last epoch's metrics, and the wall time of the whole run (tests included). */
  public record Result(Vae vae, EpochMetrics last, double seconds) {}

  private TrainingRun() {}

  /**
   * Trains spec on train, measuring test after every epoch; threads is recorded in the metrics. Logs one
   * line saying what it trains to log; progress reports the epochs.
   */
  public static Result run(Path outDir, Spec spec, ImageSet train, ImageSet test, Gemm gemm, Parallel parallel,
                           Progress progress, PrintStream log) {
    TrainOptions options = spec.options();
    Rng rng = new Rng(options.seed());
    Vae vae = new Vae(new VaeConfig(train.pixels(), spec.hidden(), spec.latent()), gemm, parallel);
    vae.init(rng);

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
    config.put("threads", parallel.threads());
    config.put("engine", gemm.name());
    config.put("train_images", train.count());
    config.put("test_images", test.count());
    config.put("java", System.getProperty("java.version"));
    MetricsFile metrics = new MetricsFile(outDir.resolve(METRICS_FILE), config);
    Map<String, Object> modelConfig = new LinkedHashMap<>(config);
    modelConfig.keySet().retainAll(List.of("dataset", "rows", "cols", "epochs", "batch", "lr", "seed"));

    log.printf(Locale.ROOT, "vae4j: training a %d-%d-%d VAE on %s (%d train / %d test images): epochs %d, "
            + "batch %d, Adam lr %s, engine %s, %d threads -> %s%n",
        train.pixels(), spec.hidden(), spec.latent(), spec.dataset(), train.count(), test.count(), options.epochs(),
        options.batch(), options.learningRate(), gemm.name(), parallel.threads(), outDir);
    long start = System.nanoTime();
    EpochMetrics last = new Trainer(vae, options, rng, progress).train(train, test, m -> {
      metrics.add(m);
      ModelFile.save(outDir.resolve(MODEL_FILE), vae, modelConfig);
    });
    return new Result(vae, last, (System.nanoTime() - start) / 1e9);
  }

  /** Fails before training, not after an hour of it, when the folder cannot be written. */
  public static void prepareOutDir(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UserError("--out " + dir + ": cannot create the folder: " + AtomicFile.reason(e));
    }
    if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
      throw new UserError("--out " + dir + ": the folder is not writable");
    }
  }
}
