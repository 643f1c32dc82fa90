package org.vae4j.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vae4j.data.Dataset;
import org.vae4j.data.DatasetProvider;
import org.vae4j.data.ImageSet;
import org.vae4j.nn.Gemm;
import org.vae4j.nn.Parallel;
import org.vae4j.train.EpochMetrics;
import org.vae4j.train.PlainProgress;
import org.vae4j.train.Progress;
import org.vae4j.train.TerminalProgress;
import org.vae4j.train.TrainOptions;
import org.vae4j.train.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** vae4j train: trains a VAE and writes model.safetensors and metrics.json into the out folder. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Train the MLP VAE of the lab reports and save the model and its metrics.")
final class TrainCommand implements Callable<Integer> {
  static final String MODEL_FILE = TrainingRun.MODEL_FILE;
  static final String METRICS_FILE = TrainingRun.METRICS_FILE;

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
    TrainingRun.Spec spec = new TrainingRun.Spec(dataset, hidden, latent,
        new TrainOptions(epochs, batch, learningRate, seed));
    Path outDir = out != null ? out : defaultOut();
    TrainingRun.prepareOutDir(outDir);
    PrintStream log = System.err;

    Dataset data = DatasetProvider.load(dataset, dataDir, log);
    ImageSet train = limit(data.train(), trainImages, "--train-images");
    ImageSet test = limit(data.test(), testImages, "--test-images");
    Parallel parallel = engine.parallel();
    Gemm gemm = engine.create(parallel, log);
    TrainingRun.Result result = TrainingRun.run(outDir, spec, train, test, gemm, parallel, progress(), log);
    EpochMetrics last = result.last();
    System.out.printf(Locale.ROOT, "done in %.1f min: test -ELBO %.2f nats (recon %.2f + KL %.2f); wrote %s and %s%n",
        result.seconds() / 60, last.testNelbo(), last.testRecon(), last.testKl(),
        outDir.resolve(MODEL_FILE), outDir.resolve(METRICS_FILE));
    return 0;
  }

  /** A live bar on a terminal, one line per epoch in a log. */
  static Progress progress() {
    return Terminal.isInteractive() ? new TerminalProgress(System.out) : new PlainProgress(System.out);
  }

  private Path defaultOut() {
    String time = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    return Path.of("runs", dataset + "-d" + latent + "-" + time);
  }

  static ImageSet limit(ImageSet images, Integer n, String option) {
    if (n == null) {
      return images;
    }
    return images.first(Math.min(OptionChecks.requirePositive(option, n), images.count()));
  }
}
