package org.vae4j.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vae4j.data.ImageSet;
import org.vae4j.model.ModelFile;
import org.vae4j.nn.Gemm;
import org.vae4j.nn.Parallel;
import org.vae4j.train.EpochMetrics;
import org.vae4j.train.MetricsFile;
import org.vae4j.train.TrainingRun;
import org.vae4j.viz.Figure;
import org.vae4j.viz.Figures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** vae4j figures: the PNG figures of a saved model, from its test set and its metrics. */
@Command(name = "figures", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Draw the figures of a trained model (a folder written by 'vae4j train'): reconstructions, "
        + "manifold, latent scatter, prior and posterior samples, interpolation (PNG and GIF), training curves, "
        + "architecture. Every figure comes from a fixed seed."})
final class FiguresCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "DIR",
      description = "Run folder holding model.safetensors and metrics.json")
  Path model;

  @Option(names = "--out", paramLabel = "DIR", description = "Where to write the figures (default: <model>/figures)")
  Path out;

  @Option(names = "--data", paramLabel = "DIR", description = "Folder holding the four IDX files of the model's "
      + "dataset; otherwise found as 'vae4j train' finds it")
  Path dataDir;

  @Option(names = "--only", split = ",", paramLabel = "NAME",
      description = "Make only these figures: ${COMPLETION-CANDIDATES}, or all (default: all but "
          + Figures.RECONSTRUCTIONS_SAMPLED + ")",
      completionCandidates = FigureNames.class)
  List<String> only;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the images and samples shown (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--manifold-size", defaultValue = "20", paramLabel = "N",
      description = "The manifold is an N x N grid (default: ${DEFAULT-VALUE})")
  int manifoldSize;

  @Option(names = "--scale", defaultValue = "" + Figures.SCALE, paramLabel = "N",
      description = "Draw each digit pixel as N x N pixels, nearest neighbour (default: ${DEFAULT-VALUE})")
  int scale;

  @Option(names = "--test-images", paramLabel = "N", description = "Use only the first N test images (default: all)")
  Integer testImages;

  @Mixin
  EngineOptions engine;

  @Mixin
  VerboseOption verbose;

  /** The names --only accepts, for the help text. */
  static final class FigureNames extends java.util.ArrayList<String> {
    private static final long serialVersionUID = 1L;

    FigureNames() {
      super(Figures.ALL);
    }
  }

  @Override
  public Integer call() {
    List<String> names = Figures.parseNames(only);
    Path metricsFile = model.resolve(TrainingRun.METRICS_FILE);
    Path outDir = out != null ? out : model.resolve("figures");
    PrintStream log = System.err;
    long start = System.nanoTime();
    Parallel parallel = engine.parallel();
    Gemm gemm = engine.create(parallel, log);
    ModelFile.Loaded loaded = RunFolder.model(model, gemm, parallel);
    TrainingRun.prepareOutDir(outDir);
    boolean intoTheRun = outDir.toAbsolutePath().normalize().startsWith(model.toAbsolutePath().normalize());
    RunLock.acquire(intoTheRun ? model : outDir);
    List<EpochMetrics> epochs = null;
    if (Files.isRegularFile(metricsFile)) {
      epochs = MetricsFile.read(metricsFile).epochs();
    } else if (names.contains(Figures.TRAINING_CURVES)) {
      log.println("vae4j figures: no " + metricsFile + ", so no training curves");
    }
    // The test images as the model saw them: binarized if it was trained on binary pixels.
    ImageSet test = RunFolder.binarization(loaded.config(), model.resolve(TrainingRun.MODEL_FILE)).testImages(
        TrainCommand.limit(RunFolder.dataset(loaded.config(), model.resolve(TrainingRun.MODEL_FILE), dataDir, log)
            .test(), testImages, "--test-images"));
    List<Figure> figures = new Figures(loaded.vae(), test, epochs, seed, manifoldSize, scale)
        .write(outDir, names);
    for (Figure f : figures) {
      System.out.println("wrote " + outDir.resolve(f.file()) + ": " + f.caption());
    }
    System.out.printf(Locale.ROOT, "%d figures in %.1f s%n", figures.size(), (System.nanoTime() - start) / 1e9);
    return 0;
  }
}
