package org.vae4j.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vae4j.Durations;
import org.vae4j.UsageError;
import org.vae4j.data.Binarization;
import org.vae4j.data.Dataset;
import org.vae4j.data.ImageSet;
import org.vae4j.eval.Evaluation;
import org.vae4j.eval.EvaluationReport;
import org.vae4j.nn.CountingGemm;
import org.vae4j.nn.GemmEngines;
import org.vae4j.nn.GemmShape;
import org.vae4j.nn.Parallel;
import org.vae4j.report.Experiment;
import org.vae4j.report.ExperimentModel;
import org.vae4j.report.ModelReport;
import org.vae4j.train.TrainOptions;
import org.vae4j.train.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** vae4j experiment: trains several model configurations, draws their figures, writes report.html and report.md. */
@Command(name = "experiment", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Compare models: train each configuration of --models at each size of --latents, one after the "
        + "other (same options and seed), evaluate each (as 'vae4j eval' does), draw every figure of each, and "
        + "write report.html (self-contained) and report.md into the out folder. Running it again on the same "
        + "folder reuses the models (and evaluations) already finished and resumes an unfinished one."})
final class ExperimentCommand implements Callable<Integer> {
  static final int QUICK_EPOCHS = 3;
  static final int QUICK_TRAIN_IMAGES = 10_000;
  static final int QUICK_TEST_IMAGES = 2_000;
  static final int QUICK_IW = 100;
  static final int QUICK_PRIOR_SAMPLES = 2_000;

  @Option(names = "--models", split = ",", defaultValue = "mlp", paramLabel = "KIND[:KEY=VALUE...]",
      description = "Model configurations to compare, each a kind (mlp, cvae, conv) with train's options as "
          + "KEY=VALUE: latent, hidden, channels (joined by x: 32x64), objective, beta, kl-warmup, k; e.g. "
          + "mlp,mlp:beta=4,cvae,mlp:objective=iwae:k=5,conv:channels=64x128 (default: ${DEFAULT-VALUE})")
  List<String> models;

  @Option(names = "--latents", split = ",", defaultValue = "2,10,20", paramLabel = "D",
      description = "Latent sizes for every configuration that names none (default: ${DEFAULT-VALUE})")
  List<Integer> latents;

  @Option(names = "--hidden", paramLabel = "H", description = "Hidden units for every configuration that names "
      + "none (default: the kind's, 512 for the MLPs)")
  Integer hidden;

  @Option(names = "--quick", description = "A small report in about a minute: " + QUICK_EPOCHS + " epochs on the "
      + "first " + QUICK_TRAIN_IMAGES + " training and " + QUICK_TEST_IMAGES + " test images, evaluated with "
      + "--iw " + QUICK_IW + " and --prior-samples " + QUICK_PRIOR_SAMPLES + " (options given explicitly still win)")
  boolean quick;

  @Mixin
  DatasetOptions source;

  @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: runs/experiment-<time>)")
  Path out;

  @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training set (default: 50; "
      + QUICK_EPOCHS + " with --quick)")
  Integer epochs;

  @Mixin
  HyperparameterOptions hyper;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of every model and of the figures (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--binarize", paramLabel = "MODE", defaultValue = "none",
      description = "none (default), dynamic or static: as for train")
  String binarize;

  @Mixin
  EvaluationOptions evaluationOptions;

  @Option(names = "--train-images", paramLabel = "N", description = "Train on the first N training images only "
      + "(default: all; " + QUICK_TRAIN_IMAGES + " with --quick)")
  Integer trainImages;

  @Option(names = "--test-images", paramLabel = "N", description = "Evaluate on the first N test images only "
      + "(default: all; " + QUICK_TEST_IMAGES + " with --quick)")
  Integer testImages;

  @Mixin
  EngineOptions engine;

  @Mixin
  VerboseOption verbose;

  @Override
  public Integer call() {
    long start = System.nanoTime();
    int epochCount = epochs != null ? epochs : quick ? QUICK_EPOCHS : 50;
    TrainOptions options = new TrainOptions(epochCount, hyper.batch, hyper.learningRate, seed, 0,
        Binarization.parse(binarize));
    for (int d : latents) {
      OptionChecks.requirePositive("--latents", d);
    }
    if (latents.stream().distinct().count() != latents.size()) {
      throw new UsageError("--latents lists a size twice: " + latents);
    }
    if (hidden != null) {
      OptionChecks.requirePositive("--hidden", hidden);
    }
    List<ModelChoice> choices = choices();
    OptionChecks.requireThreads(engine.threads);
    GemmEngines.requireKnown(engine.engine);
    Path outDir = out != null ? out : defaultOut();
    TrainingRun.prepareOutDir(outDir);
    RunLock.acquire(outDir);
    PrintStream log = System.err;

    Dataset data = source.load(log);
    ImageSet train = TrainCommand.limit(data.train(), trainImages != null ? trainImages
        : quick ? Integer.valueOf(QUICK_TRAIN_IMAGES) : null, "--train-images");
    ImageSet test = TrainCommand.limit(data.test(), testImages != null ? testImages
        : quick ? Integer.valueOf(QUICK_TEST_IMAGES) : null, "--test-images");
    List<ExperimentModel> compared = new ArrayList<>();
    List<GemmShape> products = new ArrayList<>(); // every model's training step, for --engine auto to time
    for (ModelChoice c : choices) {
      ExperimentModel m = new ExperimentModel(c.spec(train), c.objective());
      compared.add(m);
      products.addAll(m.model().architecture().trainingProducts(options.batch(), m.objective().k()));
    }
    Parallel parallel = engine.parallel();
    CountingGemm gemm = new CountingGemm(engine.create(parallel, log, products));
    int iw = evaluationOptions.importanceSamples(quick ? QUICK_IW : EvaluationOptions.IMPORTANCE_SAMPLES);
    int judged = evaluationOptions.priorSamples(quick ? QUICK_PRIOR_SAMPLES : EvaluationOptions.PRIOR_SAMPLES);
    Evaluation.Settings evaluation = new Evaluation.Settings(1, iw, judged, seed, options.binarization(),
        data.name(), evaluationOptions.classifierCache());
    Experiment.Setup setup = new Experiment.Setup(compared, options, data.name(),
        data.folder() != null ? source.dir : null, data.folder(), train.count(), test.count(), seed,
        commandLine(data, epochCount, train.count(), test.count(), iw, judged), evaluation);
    log.printf(Locale.ROOT, "vae4j experiment: %s, %d epoch%s each -> %s%n",
        String.join("; ", compared.stream().map(ExperimentModel::label).toList()), epochCount,
        epochCount == 1 ? "" : "s", outDir);
    Experiment.Result result = Experiment.run(outDir, setup, train, test, gemm, parallel, TrainCommand::progress, log);
    int width = compared.stream().mapToInt(m -> m.label().length()).max().orElse(0);
    for (ModelReport m : result.models()) {
      EvaluationReport.LogLikelihood nll = m.evaluation().logLikelihood();
      System.out.printf(Locale.ROOT, "%-" + width + "s  test -ELBO %.2f nats (recon %.2f + KL %.2f)%s, trained in "
              + "%s%s%n", m.label(), m.metrics().last().testNelbo(), m.metrics().last().testRecon(),
          m.metrics().last().testKl(),
          nll == null ? "" : String.format(Locale.ROOT, ", NLL %.2f (K = %d)", nll.nll(), nll.samples()),
          Durations.format(m.metrics().trainingSeconds()), m.reused() ? " (reused)" : "");
    }
    System.out.printf(Locale.ROOT, "experiment done in %s: wrote %s and %s%n",
        Durations.format((System.nanoTime() - start) / 1e9), result.html(), result.markdown());
    System.out.println(ProductSummary.line(gemm, (System.nanoTime() - start) / 1e9));
    return 0;
  }

  /** Every entry of --models at every size of --latents (an entry naming its own latent size: once). */
  private List<ModelChoice> choices() {
    List<ModelChoice> choices = new ArrayList<>();
    for (String entry : models) {
      ModelChoice c = ModelChoice.parse(entry, "models");
      c = c.withDefaultHidden(hidden);
      if (c.latent() != null) {
        choices.add(c);
      } else {
        for (int d : latents) {
          choices.add(c.withDefaultLatent(d));
        }
      }
    }
    return choices;
  }

  private Path defaultOut() {
    String time = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    return Path.of("runs", "experiment-" + time);
  }

  /** The command with every setting spelled out, for the report. */
  private String commandLine(Dataset data, int epochCount, int trainCount, int testCount, int iw, int judged) {
    List<String> parts = new ArrayList<>(List.of("./vae4j", "experiment"));
    if (quick) {
      parts.add("--quick");
    }
    parts.add("--models " + String.join(",", models));
    parts.add("--latents " + String.join(",", latents.stream().map(String::valueOf).toList()));
    parts.add("--epochs " + epochCount);
    parts.add("--batch " + hyper.batch);
    if (hidden != null) {
      parts.add("--hidden " + hidden);
    }
    parts.add("--lr " + hyper.learningRate);
    parts.add("--seed " + seed);
    parts.add("--binarize " + binarize);
    if (data.folder() != null) {
      parts.add("--data " + source.dir);
      parts.add("--image-size " + data.folder().size());
      if (data.folder().testFraction() != null) {
        parts.add("--test-fraction " + data.folder().testFraction());
      }
    } else {
      parts.add("--dataset " + data.name());
    }
    parts.add("--train-images " + trainCount);
    parts.add("--test-images " + testCount);
    parts.add("--iw " + iw);
    parts.add("--prior-samples " + judged);
    return String.join(" ", parts);
  }
}
