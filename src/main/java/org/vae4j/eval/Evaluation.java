package org.vae4j.eval;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vae4j.Durations;
import org.vae4j.data.Binarization;
import org.vae4j.data.ImageSet;
import org.vae4j.model.LossEvaluator;
import org.vae4j.model.ObjectiveSpec;
import org.vae4j.model.Vae;
import org.vae4j.nn.Gemm;
import org.vae4j.nn.Parallel;
import org.vae4j.nn.Rng;

/**
 * Computes every metric of an {@link EvaluationReport} for one trained model, logging each as it is done.
 * Each metric draws from its own Rng seeded from the one seed, so a metric's number does not depend on
 * which others ran before it.
 */
public final class Evaluation {
  /** Batch of the negative ELBO, as in training. */
  private static final int NELBO_BATCH = 128;

  /**
   * What to compute: K for the negative ELBO, K for importance sampling (0: skip), how many prior samples
   * the classifier judges, the seed, how the pixels are binarized (the model's training setting, unless a
   * user asks otherwise), the dataset's name and the classifier cache folder (null: no sample quality).
   */
  public record Settings(int nelboSamples, int importanceSamples, int priorSamples, long seed,
                         Binarization binarization, String dataset, Path classifierCache) {
    public Settings {
      if (nelboSamples < 1 || importanceSamples < 0 || priorSamples < 2) {
        throw new IllegalArgumentException("nelboSamples >= 1, importanceSamples >= 0 and priorSamples >= 2, got "
            + nelboSamples + ", " + importanceSamples + ", " + priorSamples);
      }
    }
  }

  private final Settings settings;
  private final Gemm gemm;
  private final Parallel parallel;
  private final PrintStream log;

  public Evaluation(Settings settings, Gemm gemm, Parallel parallel, PrintStream log) {
    this.settings = settings;
    this.gemm = gemm;
    this.parallel = parallel;
    this.log = log;
  }

  /**
   * Evaluates vae, trained on objective, on the test images; the latent classifiers are fitted on the
   * training images' codes (when the images have labels), and the digit classifier (when there is a cache
   * folder and the images have 10 classes) is trained on the grey training images.
   */
  public EvaluationReport run(Vae vae, ObjectiveSpec objective, ImageSet train, ImageSet test) {
    long start = System.nanoTime();
    Binarization binarization = settings.binarization();
    ImageSet testImages = binarization.testImages(test);

    EvaluationReport.Nelbo nelbo = nelbo(vae, testImages);
    EvaluationReport.TrainedObjective trained = objective.isPlainElbo() ? null
        : trainedObjective(vae, objective, nelbo, testImages);
    EvaluationReport.LogLikelihood logLikelihood = settings.importanceSamples() == 0 ? null
        : logLikelihood(vae, testImages);
    long latentStart = System.nanoTime();
    float[] testMeans = LatentMeans.of(vae, testImages);
    EvaluationReport.Activity activity = activeUnits(testMeans, test.count(), vae.latent(), latentStart);
    EvaluationReport.LatentClassification latent = null;
    if (train.hasLabels() && test.hasLabels()) {
      latent = latentClassification(vae, binarization.fixedTrainImages(train), testMeans, test);
    } else {
      log.println("vae4j eval: the images have no labels, so no classifiers on the latent means");
    }
    EvaluationReport.SampleQuality samples = null;
    if (settings.classifierCache() != null && train.classes() == ClassifierTraining.CLASSES) {
      samples = sampleQuality(vae, train, test, testImages);
    } else if (settings.classifierCache() != null) {
      log.println("vae4j eval: no sample quality: its classifier takes " + ClassifierTraining.CLASSES
          + " classes, the images have " + train.classes());
    }

    EvaluationReport.Setup setup = new EvaluationReport.Setup(binarization.value(), test.count(), train.count(),
        settings.seed(), gemm.name(), parallel.threads(), seconds(start), vae.spec().kind());
    return new EvaluationReport(setup, nelbo, logLikelihood, activity, latent, samples, trained);
  }

  private EvaluationReport.Nelbo nelbo(Vae vae, ImageSet test) {
    long start = System.nanoTime();
    int k = settings.nelboSamples();
    LossEvaluator.Estimate e = new LossEvaluator(NELBO_BATCH, rng(1), k).nelbo(vae, test);
    EvaluationReport.Nelbo result = new EvaluationReport.Nelbo(k, e.loss(), e.recon(), e.kl(), seconds(start));
    log.printf(Locale.ROOT, "vae4j eval: test -ELBO %.2f nats (K = %d) in %s%n", e.loss(), k,
        Durations.format(result.seconds()));
    return result;
  }

  /** The trained objective's value on the test images: from the -ELBO's parts, or by its own pass (IWAE). */
  private EvaluationReport.TrainedObjective trainedObjective(Vae vae, ObjectiveSpec objective,
                                                             EvaluationReport.Nelbo nelbo, ImageSet test) {
    long start = System.nanoTime();
    double value = objective.name().equals(ObjectiveSpec.IWAE)
        ? new LossEvaluator(NELBO_BATCH, rng(4), settings.nelboSamples()).evaluate(objective.create(vae), test).loss()
        : nelbo.recon() + objective.beta() * nelbo.kl();
    EvaluationReport.TrainedObjective result = new EvaluationReport.TrainedObjective(objective.describe(), value,
        seconds(start));
    log.printf(Locale.ROOT, "vae4j eval: trained objective %s on the test images %.2f nats in %s%n",
        objective.describe(), value, Durations.format(result.seconds()));
    return result;
  }

  private EvaluationReport.LogLikelihood logLikelihood(Vae vae, ImageSet test) {
    int k = settings.importanceSamples();
    ImportanceSampling.Estimate e = new ImportanceSampling(k, rng(2), parallel).estimate(vae, test);
    List<EvaluationReport.Bound> bounds = new ArrayList<>();
    for (ImportanceSampling.Bound b : e.bounds()) {
      bounds.add(new EvaluationReport.Bound(b.samples(), -b.logLikelihood()));
    }
    double flops = (double) test.count() * k * vae.architecture().decoderFlopsPerImage();
    log.printf(Locale.ROOT, "vae4j eval: importance-weighted NLL%s %.2f nats (K = %d; -ELBO of the same samples "
        + "%.2f) in %s, %.0f GFLOP/s of decoder products%n", vae.conditional() ? " given the label" : "", e.nll(), k,
        -e.elbo(), Durations.format(e.seconds()), flops / e.seconds() / 1e9);
    return new EvaluationReport.LogLikelihood(k, e.nll(), -e.elbo(), bounds, e.seconds(), vae.conditional());
  }

  private EvaluationReport.Activity activeUnits(float[] testMeans, int n, int d, long start) {
    ActiveUnits units = ActiveUnits.of(testMeans, n, d);
    EvaluationReport.Activity result = new EvaluationReport.Activity(units.count(), d, units.threshold(),
        units.variances(), seconds(start));
    log.printf(Locale.ROOT, "vae4j eval: %d of %d latent dimensions active in %s%n", units.count(), d,
        Durations.format(result.seconds()));
    return result;
  }

  private EvaluationReport.LatentClassification latentClassification(Vae vae, ImageSet train, float[] testMeans,
                                                                      ImageSet test) {
    long start = System.nanoTime();
    int d = vae.latent();
    float[] trainMeans = LatentMeans.of(vae, train);
    int[] trainLabels = LatentMeans.labels(train);
    int[] testLabels = LatentMeans.labels(test);
    double knn = NearestNeighbours.fit(trainMeans, train.count(), d, trainLabels)
        .accuracy(testMeans, test.count(), testLabels, parallel);
    double logistic = LogisticRegression.fit(trainMeans, train.count(), d, trainLabels, parallel)
        .accuracy(testMeans, test.count(), testLabels);
    EvaluationReport.LatentClassification result = new EvaluationReport.LatentClassification(NearestNeighbours.K,
        knn, logistic, seconds(start));
    log.printf(Locale.ROOT, "vae4j eval: labels from latent means: kNN (k = %d) %.2f%%, logistic regression "
        + "%.2f%% in %s%n", NearestNeighbours.K, 100 * knn, 100 * logistic, Durations.format(result.seconds()));
    return result;
  }

  /** The classifier trains on grey images; its reference features are the grey test images'. */
  private EvaluationReport.SampleQuality sampleQuality(Vae vae, ImageSet train, ImageSet test,
                                                       ImageSet testImages) {
    ClassifierCache.Entry classifier = ClassifierCache.getOrTrain(settings.classifierCache(), settings.dataset(),
        train, test, gemm, parallel, log);
    long start = System.nanoTime();
    SampleQuality quality = new SampleQuality(classifier.classifier(), parallel);
    SampleQuality.Judged real = quality.judge(test);
    SampleQuality.Judged prior = quality.judgePriorSamples(vae, settings.priorSamples(), rng(3));
    SampleQuality.Judged reconstructions = quality.judgeReconstructions(vae, testImages);
    double fid = FrechetDistance.between(prior.features(), real.features());
    boolean conditional = vae.conditional();
    EvaluationReport.SampleQuality result = new EvaluationReport.SampleQuality(
        "vae4j MLP " + classifier.classifier().config().describe(), classifier.testAccuracy(), classifier.sha256(),
        settings.priorSamples(), fid, (double) reconstructions.correct() / test.count(), prior.histogram(),
        prior.classEntropy(), prior.meanTopProbability(), seconds(start),
        conditional ? (double) prior.correct() / settings.priorSamples() : null,
        conditional ? prior.accuracyByLabel() : null);
    log.printf(Locale.ROOT, "vae4j eval: FID (vae4j classifier) %.2f, accuracy on reconstructions %.2f%%, class "
            + "entropy of prior samples %.3f (uniform %.3f) in %s%n", fid, 100 * result.reconstructionAccuracy(),
        result.classEntropy(), Math.log(prior.histogram().length), Durations.format(result.seconds()));
    if (conditional) {
      log.printf(Locale.ROOT, "vae4j eval: the classifier finds the asked-for digit in %.2f%% of the prior samples%n",
          100 * result.conditionalAccuracy());
    }
    return result;
  }

  /** The Rng of metric number i, independent of the others. */
  private Rng rng(int metric) {
    return new Rng(settings.seed() * 1_000_003L + metric);
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
