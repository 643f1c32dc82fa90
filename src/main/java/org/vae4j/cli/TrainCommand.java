package org.vae4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vae4j.AtomicFile;
import org.vae4j.UserError;
import org.vae4j.data.Dataset;
import org.vae4j.data.DatasetProvider;
import org.vae4j.data.ImageSet;
import org.vae4j.model.ModelFile;
import org.vae4j.model.Vae;
import org.vae4j.model.VaeConfig;
import org.vae4j.nn.Gemm;
import org.vae4j.nn.Parallel;
import org.vae4j.nn.Rng;
import org.vae4j.train.EpochMetrics;
import org.vae4j.train.MetricsFile;
import org.vae4j.train.PlainProgress;
import org.vae4j.train.Progress;
import org.vae4j.train.TerminalProgress;
import org.vae4j.train.TrainOptions;
import org.vae4j.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** vae4j train: trains a VAE and writes model.safetensors and metrics.json into the out folder. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Train the MLP VAE of the lab reports and save the model and its metrics.")
final class TrainCommand implements Callable<Integer> {
  static final String MODEL_FILE = "model.safetensors";
  static final String METRICS_FILE = "metrics.json";

  @Option(names = "--dataset", defaultValue = "mnist", description = "mnist or fashion-mnist (default: ${DEFAULT-VALUE})")
  String dataset;

  @Option(names = "--data", paramLabel = "DIR", description = "Folder holding the four IDX files (.gz or raw); "
      + "otherwise $VAE4J_DATA, the user cache, the Debian package folder, a download")
  Path dataDir;

  @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: runs/<dataset>-d<latent>-<time>)")
  Path out;

  @Option(names = "--epochs", defaultValue = "50", description = "Passes over the training set (default: ${DEFAULT-VALUE})")
  int epochs;

  @Option(names = "--batch", defaultValue = "128", description = "Images per batch (default: ${DEFAULT-VALUE})")
  int batch;

  @Option(names = "--lr", defaultValue = "1e-3", description = "Adam's learning rate (default: ${DEFAULT-VALUE})")
  double learningRate;

  @Option(names = "--latent", defaultValue = "20", description = "Latent dimensions d (default: ${DEFAULT-VALUE})")
  int latent;

  @Option(names = "--hidden", defaultValue = "512", description = "Hidden units H (default: ${DEFAULT-VALUE})")
  int hidden;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of initialization, shuffling and eps (default: ${DEFAULT-VALUE})")
  long seed;

  @Mixin
  EngineOptions engine;

  @Option(names = "--train-images", paramLabel = "N", description = "Train on the first N training images only (default: all)")
  Integer trainImages;

  @Option(names = "--test-images", paramLabel = "N", description = "Evaluate on the first N test images only (default: all)")
  Integer testImages;

  @Mixin
  VerboseOption verbose;

  @Override
  public Integer call() {
    TrainOptions options = new TrainOptions(epochs, batch, learningRate, seed);
    VaeConfig.checkSizes(hidden, latent);
    Path outDir = out != null ? out : defaultOut();
    prepareOutDir(outDir);
    PrintStream log = System.err;

    Dataset data = DatasetProvider.load(dataset, dataDir, log);
    ImageSet train = limit(data.train(), trainImages, "--train-images");
    ImageSet test = limit(data.test(), testImages, "--test-images");
    Parallel parallel = engine.parallel();
    Gemm gemm = engine.create(parallel, log);
    Rng rng = new Rng(seed);
    Vae vae = new Vae(new VaeConfig(train.pixels(), hidden, latent), gemm, parallel);
    vae.init(rng);

    Map<String, Object> config = new LinkedHashMap<>();
    config.put("dataset", dataset);
    config.put("rows", train.rows());
    config.put("cols", train.cols());
    config.put("input", train.pixels());
    config.put("hidden", hidden);
    config.put("latent", latent);
    config.put("epochs", epochs);
    config.put("batch", batch);
    config.put("lr", learningRate);
    config.put("seed", seed);
    config.put("threads", engine.threads);
    config.put("engine", gemm.name());
    config.put("train_images", train.count());
    config.put("test_images", test.count());
    config.put("java", System.getProperty("java.version"));
    MetricsFile metrics = new MetricsFile(outDir.resolve(METRICS_FILE), config);
    Map<String, Object> modelConfig = new LinkedHashMap<>(config);
    modelConfig.keySet().retainAll(List.of("dataset", "rows", "cols", "epochs", "batch", "lr", "seed"));

    log.printf(Locale.ROOT, "vae4j: training a %d-%d-%d VAE on %s (%d train / %d test images): epochs %d, "
            + "batch %d, Adam lr %s, engine %s, %d threads -> %s%n",
        train.pixels(), hidden, latent, dataset, train.count(), test.count(), epochs, batch, learningRate,
        gemm.name(), engine.threads, outDir);
    Progress progress = Terminal.isInteractive() ? new TerminalProgress(System.out) : new PlainProgress(System.out);
    long start = System.nanoTime();
    EpochMetrics last = new Trainer(vae, options, rng, progress).train(train, test, m -> {
      metrics.add(m);
      ModelFile.save(outDir.resolve(MODEL_FILE), vae, modelConfig);
    });
    double minutes = (System.nanoTime() - start) / 60e9;
    System.out.printf(Locale.ROOT, "done in %.1f min: test -ELBO %.2f nats (recon %.2f + KL %.2f); wrote %s and %s%n",
        minutes, last.testNelbo(), last.testRecon(), last.testKl(),
        outDir.resolve(MODEL_FILE), outDir.resolve(METRICS_FILE));
    return 0;
  }

  private Path defaultOut() {
    String time = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    return Path.of("runs", dataset + "-d" + latent + "-" + time);
  }

  /** Fails before training, not after an hour of it, when the folder cannot be written. */
  private static void prepareOutDir(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UserError("--out " + dir + ": cannot create the folder: " + AtomicFile.reason(e));
    }
    if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
      throw new UserError("--out " + dir + ": the folder is not writable");
    }
  }

  private static ImageSet limit(ImageSet images, Integer n, String option) {
    if (n == null) {
      return images;
    }
    return images.first(Math.min(OptionChecks.requirePositive(option, n), images.count()));
  }
}
