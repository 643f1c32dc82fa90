package org.vae4j.eval;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vae4j.Durations;
import org.vae4j.data.Binarization;
import org.vae4j.data.ImageSet;
import org.vae4j.model.NelboEstimate;
import org.vae4j.model.NelboEvaluator;
import org.vae4j.model.Vae;
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
   * What to compute: K for the negative ELBO, K for importance sampling (0: skip), the seed, and how the
   * pixels are binarized (the model's training setting, unless a user asks otherwise).
   */
  public record Settings(int nelboSamples, int importanceSamples, long seed, Binarization binarization) {
    public Settings {
      if (nelboSamples < 1 || importanceSamples < 0) {
        throw new IllegalArgumentException("nelboSamples >= 1 and importanceSamples >= 0, got " + nelboSamples
            + ", " + importanceSamples);
      }
    }
  }

  private final Settings settings;
  private final PrintStream log;

  public Evaluation(Settings settings, PrintStream log) {
    this.settings = settings;
    this.log = log;
  }

  /** Evaluates vae on the test images (and on the training images where a metric fits a model to codes). */
  public EvaluationReport run(Vae vae, ImageSet train, ImageSet test, String engine, int threads) {
    long start = System.nanoTime();
    Binarization binarization = settings.binarization();
    ImageSet testImages = binarization.testImages(test);

    EvaluationReport.Nelbo nelbo = nelbo(vae, testImages);
    EvaluationReport.LogLikelihood logLikelihood = settings.importanceSamples() == 0 ? null
        : logLikelihood(vae, testImages);

    EvaluationReport.Setup setup = new EvaluationReport.Setup(binarization.value(), test.count(), train.count(),
        settings.seed(), engine, threads, seconds(start));
    return new EvaluationReport(setup, nelbo, logLikelihood, null, null, null);
  }

  private EvaluationReport.Nelbo nelbo(Vae vae, ImageSet test) {
    long start = System.nanoTime();
    int k = settings.nelboSamples();
    NelboEstimate e = new NelboEvaluator(NELBO_BATCH, rng(1), k).evaluate(vae, test);
    EvaluationReport.Nelbo result = new EvaluationReport.Nelbo(k, e.nelbo(), e.recon(), e.kl(), seconds(start));
    log.printf(Locale.ROOT, "vae4j eval: test -ELBO %.2f nats (K = %d) in %s%n", e.nelbo(), k,
        Durations.format(result.seconds()));
    return result;
  }

  private EvaluationReport.LogLikelihood logLikelihood(Vae vae, ImageSet test) {
    int k = settings.importanceSamples();
    ImportanceSampling.Estimate e = new ImportanceSampling(k, rng(2)).estimate(vae, test);
    List<EvaluationReport.Bound> bounds = new ArrayList<>();
    for (ImportanceSampling.Bound b : e.bounds()) {
      bounds.add(new EvaluationReport.Bound(b.samples(), -b.logLikelihood()));
    }
    log.printf(Locale.ROOT, "vae4j eval: importance-weighted NLL %.2f nats (K = %d; -ELBO of the same samples "
        + "%.2f) in %s%n", e.nll(), k, -e.elbo(), Durations.format(e.seconds()));
    return new EvaluationReport.LogLikelihood(k, e.nll(), -e.elbo(), bounds, e.seconds());
  }

  /** The Rng of metric number i, independent of the others. */
  private Rng rng(int metric) {
    return new Rng(settings.seed() * 1_000_003L + metric);
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
