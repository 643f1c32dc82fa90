package org.vae4j.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.vae4j.Durations;
import org.vae4j.data.Binarization;
import org.vae4j.data.Dataset;
import org.vae4j.data.DatasetProvider;
import org.vae4j.model.ModelKinds;
import org.vae4j.model.ModelSpec;
import org.vae4j.nn.Gemm;
import org.vae4j.nn.Parallel;
import org.vae4j.report.AnomalyBenchmark;
import org.vae4j.train.TrainOptions;
import org.vae4j.train.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** vae4j anomaly-benchmark: one-class MNIST and Fashion-MNIST and out-of-distribution AUROC, with a report. */
@Command(name = "anomaly-benchmark", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Anomaly detection by the literature's protocols: one-class MNIST and one-class Fashion-MNIST "
        + "(a model per class, trained on that class alone, scores the whole test set) and out of distribution "
        + "(a model trained on Fashion-MNIST scores the Fashion-MNIST and MNIST test sets, and the reverse), for "
        + "every score of 'vae4j score' (with --background-rate, background models for the likelihood ratio too). "
        + "Writes AUROC "
        + "tables, ROC curves and score histograms into report.html and report.md; running it again on the same "
        + "--out reuses the models already trained."})
final class AnomalyBenchmarkCommand implements Callable<Integer> {
  static final int EPOCHS = 10;
  static final int OOD_EPOCHS = 10;
  static final int IW = 20;
  static final int THROUGHPUT_IMAGES = 1_000;
  static final int QUICK_EPOCHS = 1;
  static final int QUICK_TRAIN_IMAGES = 2_000;
  static final int QUICK_TEST_IMAGES = 300;
  static final int QUICK_IW = 5;
  static final int QUICK_THROUGHPUT_IMAGES = 50;
  static final String QUICK_CLASSES = "0,1";

  @Option(names = "--quick", description = "A small run in seconds, for tests: classes " + QUICK_CLASSES + ", "
      + QUICK_EPOCHS + " epoch, the first " + QUICK_TRAIN_IMAGES + " training and " + QUICK_TEST_IMAGES + " test "
      + "images, --iw " + QUICK_IW + " (options given explicitly still win)")
  boolean quick;

  @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: runs/anomaly-<time>)")
  Path out;

  @Option(names = "--parts", split = ",", paramLabel = "PART", description = "one-class-mnist, "
      + "one-class-fashion-mnist, ood (default: all three)")
  List<String> parts;

  @Option(names = "--classes", split = ",", paramLabel = "C", description = "The normal classes of the one-class "
      + "parts (default: 0 to 9)")
  List<Integer> classes;

  @Option(names = "--epochs", paramLabel = "N", description = "Epochs of each one-class model (default: " + EPOCHS
      + ")")
  Integer epochs;

  @Option(names = "--ood-epochs", paramLabel = "N", description = "Epochs of each out-of-distribution model, "
      + "trained on all 60,000 training images (default: " + OOD_EPOCHS + ")")
  Integer oodEpochs;

  @Option(names = "--iw", paramLabel = "K", description = "Samples of z per image for the scores (default: " + IW
      + ")")
  Integer iw;

  @Option(names = "--background-rate", defaultValue = "0", paramLabel = "MU", description = "Train a background "
      + "model beside every model, on its images with each pixel replaced by a random value with probability MU, "
      + "for the likelihood ratio (llr); 0, the default, trains none")
  double backgroundRate;

  @Option(names = "--model", defaultValue = "mlp", paramLabel = "KIND", description = "An unconditional model kind "
      + "(default: ${DEFAULT-VALUE})")
  String kind;

  @Option(names = "--latent", defaultValue = "20", description = "Latent dimensions d (default: ${DEFAULT-VALUE})")
  int latent;

  @Option(names = "--hidden", paramLabel = "H", description = "Hidden units (default: the kind's)")
  Integer hidden;

  @Mixin
  HyperparameterOptions hyper;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of every model and score (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--train-images", paramLabel = "N", description = "Use the first N training images of each "
      + "dataset (default: all; " + QUICK_TRAIN_IMAGES + " with --quick)")
  Integer trainImages;

  @Option(names = "--test-images", paramLabel = "N", description = "Use the first N test images of each dataset "
      + "(default: all; " + QUICK_TEST_IMAGES + " with --quick)")
  Integer testImages;

  @Option(names = "--mnist", paramLabel = "DIR", description = "Folder of MNIST's four IDX files; otherwise found as "
      + "'vae4j train' finds it")
  Path mnistDir;

  @Option(names = "--fashion-mnist", paramLabel = "DIR", description = "Folder of Fashion-MNIST's four IDX files; "
      + "otherwise found as 'vae4j train --dataset fashion-mnist' finds it")
  Path fashionDir;

  @Mixin
  EngineOptions engine;

  @Mixin
  VerboseOption verbose;

  @Override
  public Integer call() {
    long start = System.nanoTime();
    ModelKinds.named(kind);
    int oneClassEpochs = OptionChecks.requirePositive("--epochs", epochs != null ? epochs : quick ? QUICK_EPOCHS : EPOCHS);
    int oodEpochCount = OptionChecks.requirePositive("--ood-epochs", oodEpochs != null ? oodEpochs
        : quick ? QUICK_EPOCHS : OOD_EPOCHS);
    int samples = OptionChecks.requirePositive("--iw", iw != null ? iw : quick ? QUICK_IW : IW);
    Integer trainCount = positive("--train-images", trainImages != null ? trainImages
        : quick ? Integer.valueOf(QUICK_TRAIN_IMAGES) : null);
    Integer testCount = positive("--test-images", testImages != null ? testImages
        : quick ? Integer.valueOf(QUICK_TEST_IMAGES) : null);
    List<Integer> normalClasses = classes != null ? classes : quick ? List.of(0, 1)
        : List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    Set<AnomalyBenchmark.Part> chosen = EnumSet.noneOf(AnomalyBenchmark.Part.class);
    if (parts == null) {
      chosen.addAll(EnumSet.allOf(AnomalyBenchmark.Part.class));
    } else {
      parts.forEach(p -> chosen.add(AnomalyBenchmark.Part.named(p)));
    }
    ModelSpec model = new ModelChoice(kind, latent, hidden, null, null).spec(28, 28, 10);
    TrainOptions oneClass = new TrainOptions(oneClassEpochs, hyper.batch, hyper.learningRate, seed, 0,
        Binarization.NONE);
    AnomalyBenchmark.Setup setup = new AnomalyBenchmark.Setup(model, oneClass, oneClass.withEpochs(oodEpochCount), samples, backgroundRate,
        normalClasses, chosen, trainCount, testCount, quick ? QUICK_THROUGHPUT_IMAGES : THROUGHPUT_IMAGES,
        commandLine(oneClassEpochs, oodEpochCount, samples, trainCount, testCount, normalClasses, chosen));
    PrintStream log = System.err;
    // Both datasets are read (and their labels checked) before anything is written.
    Map<String, Dataset> data = new HashMap<>();
    boolean ood = chosen.contains(AnomalyBenchmark.Part.OOD);
    if (ood || chosen.contains(AnomalyBenchmark.Part.ONE_CLASS_MNIST)) {
      data.put(AnomalyBenchmark.MNIST, DatasetProvider.load(AnomalyBenchmark.MNIST, mnistDir, "--mnist", log));
    }
    if (ood || chosen.contains(AnomalyBenchmark.Part.ONE_CLASS_FASHION_MNIST)) {
      data.put(AnomalyBenchmark.FASHION_MNIST, DatasetProvider.load(AnomalyBenchmark.FASHION_MNIST, fashionDir,
          "--fashion-mnist", log));
    }
    Path outDir = out != null ? out : Path.of("runs", "anomaly-"
        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    TrainingRun.prepareOutDir(outDir);
    RunLock.acquire(outDir);
    Parallel parallel = engine.parallel();
    Gemm gemm = engine.create(parallel, log);
    log.printf(Locale.ROOT, "vae4j anomaly-benchmark: %s; %s %s, %d epochs one-class, %d out of distribution, K = %d "
        + "-> %s%n", String.join(", ", chosen.stream().map(AnomalyBenchmark.Part::id).toList()), kind,
        model.sizes(), oneClassEpochs, oodEpochCount, samples, outDir);
    AnomalyBenchmark.Result result = AnomalyBenchmark.run(outDir, setup, data::get, gemm, parallel,
        TrainCommand::progress, log);
    for (AnomalyBenchmark.OneClass part : result.oneClass()) {
      System.out.printf(Locale.ROOT, "one-class %s: mean AUROC %s%n", part.dataset(), means(part));
    }
    for (AnomalyBenchmark.Ood o : result.ood()) {
      System.out.printf(Locale.ROOT, "trained on %s, %s as anomalies: AUROC %s%n", o.trainedOn(), o.against(),
          String.join(", ", o.auroc().entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.3f",
              e.getKey().column(), e.getValue())).toList()));
    }
    System.out.printf(Locale.ROOT, "anomaly benchmark done in %s: wrote %s and %s%n",
        Durations.format((System.nanoTime() - start) / 1e9), result.html(), result.markdown());
    return 0;
  }

  private static String means(AnomalyBenchmark.OneClass part) {
    return String.join(", ", part.classes().get(0).auroc().keySet().stream().map(s -> String.format(Locale.ROOT,
        "%s %.3f", s.column(), part.meanAuroc(s))).toList());
  }

  private static Integer positive(String option, Integer value) {
    return value == null ? null : OptionChecks.requirePositive(option, value);
  }

  private String commandLine(int oneClassEpochs, int oodEpochCount, int samples, Integer trainCount, Integer testCount,
                             List<Integer> normalClasses, Set<AnomalyBenchmark.Part> chosen) {
    List<String> p = new ArrayList<>(List.of("./vae4j", "anomaly-benchmark"));
    if (quick) {
      p.add("--quick");
    }
    p.add("--parts " + String.join(",", chosen.stream().map(AnomalyBenchmark.Part::id).toList()));
    p.add("--classes " + String.join(",", normalClasses.stream().map(String::valueOf).toList()));
    p.add("--epochs " + oneClassEpochs);
    p.add("--ood-epochs " + oodEpochCount);
    p.add("--iw " + samples);
    if (backgroundRate > 0) {
      p.add("--background-rate " + backgroundRate);
    }
    p.add("--model " + kind);
    p.add("--latent " + latent);
    if (hidden != null) {
      p.add("--hidden " + hidden);
    }
    p.add("--batch " + hyper.batch);
    p.add("--lr " + hyper.learningRate);
    p.add("--seed " + seed);
    if (trainCount != null) {
      p.add("--train-images " + trainCount);
    }
    if (testCount != null) {
      p.add("--test-images " + testCount);
    }
    return String.join(" ", p);
  }
}
