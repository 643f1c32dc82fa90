package org.vae4j.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vae4j.Durations;
import org.vae4j.PathCheck;
import org.vae4j.data.Binarization;
import org.vae4j.data.Dataset;
import org.vae4j.data.ImageSet;
import org.vae4j.eval.Evaluation;
import org.vae4j.eval.EvaluationReport;
import org.vae4j.model.ModelFile;
import org.vae4j.nn.Gemm;
import org.vae4j.nn.Parallel;
import org.vae4j.train.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** vae4j eval: the evaluation metrics of a trained model, printed and stored in its metrics.json. */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Evaluate a trained model (a folder written by 'vae4j train'): the test -ELBO, the "
        + "importance-weighted log-likelihood, active units, how well the latent means predict the labels, and "
        + "the quality of samples as judged by a digit classifier that vae4j trains once and caches. Prints "
        + "each number with the time it took and stores them under \"evaluation\" in the folder's metrics.json."})
final class EvalCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "DIR",
      description = "Run folder holding model.safetensors and metrics.json")
  Path model;

  @Option(names = "--samples", defaultValue = "1", paramLabel = "K",
      description = "Samples of z per test image for the -ELBO (default: ${DEFAULT-VALUE}, as in training)")
  int samples;

  @Mixin
  EvaluationOptions evaluationOptions;

  @Option(names = "--no-sample-quality", description = "Skip the numbers that need the digit classifier")
  boolean noSampleQuality;

  @Option(names = "--binarize", paramLabel = "MODE",
      description = "none, dynamic or static: the test pixels as evaluated (default: as the model was trained)")
  String binarize;

  @Option(names = "--data", paramLabel = "DIR", description = "Folder holding the four IDX files of the model's "
      + "dataset; otherwise found as 'vae4j train' finds it")
  Path dataDir;

  @Option(names = "--test-images", paramLabel = "N", description = "Evaluate on the first N test images only "
      + "(default: all)")
  Integer testImages;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of every sampled number (default: ${DEFAULT-VALUE})")
  long seed;

  @Mixin
  EngineOptions engine;

  @Mixin
  VerboseOption verbose;

  @Override
  public Integer call() {
    OptionChecks.requirePositive("--samples", samples);
    int importanceSamples = evaluationOptions.importanceSamples(EvaluationOptions.IMPORTANCE_SAMPLES);
    int priorSamples = evaluationOptions.priorSamples(EvaluationOptions.PRIOR_SAMPLES);
    Path metricsFile = model.resolve(TrainingRun.METRICS_FILE);
    PathCheck.requireFile(metricsFile, "--model " + model + ": no " + TrainingRun.METRICS_FILE + " there, where "
        + "the evaluation is stored");
    RunLock.acquire(model);
    EvaluationStore store = EvaluationStore.check(metricsFile);
    PrintStream log = System.err;
    long start = System.nanoTime();
    Parallel parallel = engine.parallel();
    Gemm gemm = engine.create(parallel, log);
    ModelFile.Loaded loaded = RunFolder.model(model, gemm, parallel);
    Path modelFile = model.resolve(TrainingRun.MODEL_FILE);
    Binarization binarization = binarize != null ? Binarization.parse(binarize)
        : RunFolder.binarization(loaded.config(), modelFile);
    Dataset data = RunFolder.dataset(loaded.config(), modelFile, dataDir, log);
    ImageSet test = TrainCommand.limit(data.test(), testImages, "--test-images");

    Path cache = noSampleQuality ? null : evaluationOptions.classifierCache();
    Evaluation.Settings settings = new Evaluation.Settings(samples, importanceSamples, priorSamples, seed,
        binarization, loaded.config().path("dataset").asText("mnist"), cache);
    EvaluationReport report = new Evaluation(settings, gemm, parallel, log).run(loaded.vae(),
        RunFolder.objective(loaded.config(), modelFile), data.train(), test);
    print(report);
    store.save(report);
    System.out.printf(Locale.ROOT, "evaluated in %s; stored in %s%n",
        Durations.format((System.nanoTime() - start) / 1e9), metricsFile);
    return 0;
  }

  private static void print(EvaluationReport r) {
    PrintStream out = System.out;
    EvaluationReport.Nelbo n = r.nelbo();
    line(out, "test -ELBO (K = " + n.samples() + ")", String.format(Locale.ROOT, "%.2f nats (recon %.2f + KL %.2f)",
        n.nelbo(), n.recon(), n.kl()), n.seconds());
    EvaluationReport.TrainedObjective o = r.objective();
    if (o != null) {
      line(out, "trained objective: " + o.objective(), String.format(Locale.ROOT, "%.2f nats", o.value()),
          o.seconds());
    }
    EvaluationReport.LogLikelihood l = r.logLikelihood();
    if (l != null) {
      StringBuilder settle = new StringBuilder();
      for (EvaluationReport.Bound b : l.bySamples()) {
        settle.append(settle.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%d: %.2f",
            b.samples(), b.nll()));
      }
      line(out, (Boolean.TRUE.equals(l.conditional()) ? "test NLL given the label" : "test NLL")
          + ", importance-weighted (K = " + l.samples() + ")", String.format(Locale.ROOT,
          "%.2f nats (by K: %s)", l.nll(), settle), l.seconds());
    }
    EvaluationReport.Activity a = r.activeUnits();
    line(out, "active units (variance of E[z|x] > " + a.threshold() + ")", a.count() + " of " + a.latent(),
        a.seconds());
    EvaluationReport.LatentClassification c = r.latentClassification();
    if (c != null) {
      line(out, "labels from latent means", String.format(Locale.ROOT, "kNN (k = %d) %.2f%%, logistic regression "
          + "%.2f%%", c.k(), 100 * c.knnAccuracy(), 100 * c.logisticAccuracy()), c.seconds());
    }
    EvaluationReport.SampleQuality q = r.sampleQuality();
    if (q != null) {
      line(out, "digit classifier", String.format(Locale.ROOT, "%s, test accuracy %.2f%%", q.classifier(),
          100 * q.classifierAccuracy()), Double.NaN);
      line(out, "FID (vae4j classifier), " + q.samples() + " prior samples", String.format(Locale.ROOT, "%.2f",
          q.frechetDistance()), q.seconds());
      line(out, "classifier accuracy on reconstructions", String.format(Locale.ROOT, "%.2f%%",
          100 * q.reconstructionAccuracy()), Double.NaN);
      if (q.conditionalAccuracy() != null) {
        line(out, "prior samples showing the digit asked for", String.format(Locale.ROOT, "%.2f%% (per digit: %s)",
            100 * q.conditionalAccuracy(), percents(q.conditionalAccuracyByLabel())), Double.NaN);
      }
      line(out, "predicted classes of prior samples", Arrays.toString(q.classHistogram()), Double.NaN);
      line(out, "class entropy of prior samples", String.format(Locale.ROOT, "%.3f nats (uniform: %.3f)",
          q.classEntropy(), Math.log(q.classHistogram().length)), Double.NaN);
      line(out, "mean top-class probability of prior samples", String.format(Locale.ROOT, "%.3f",
          q.meanTopProbability()), Double.NaN);
    }
  }

  private static String percents(double[] fractions) {
    return String.join(" ", Arrays.stream(fractions).mapToObj(f -> String.format(Locale.ROOT, "%.1f", 100 * f))
        .toList());
  }

  private static void line(PrintStream out, String what, String value, double seconds) {
    out.printf(Locale.ROOT, "%-48s %s%s%n", what, value,
        Double.isNaN(seconds) ? "" : "   [" + Durations.format(seconds) + "]");
  }
}
