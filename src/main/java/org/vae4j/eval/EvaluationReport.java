package org.vae4j.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.vae4j.UserError;
import org.vae4j.train.MetricsFile;

/**
 * The evaluation of one model, as stored under "evaluation" in its metrics.json. Nats are per image;
 * accuracies are fractions; every part records the seconds it took. A part is null when it was not
 * computed (e.g. sample quality on data without ten classes).
 */
public record EvaluationReport(Setup setup, Nelbo nelbo, LogLikelihood logLikelihood, Activity activeUnits,
                               LatentClassification latentClassification, SampleQuality sampleQuality,
                               TrainedObjective objective) {

  /**
   * What was evaluated: the pixels' binarization, the image counts, the seed, the engine, the total time,
   * and the model's kind (null in evaluations from before there were kinds: an MLP).
   */
  public record Setup(String binarize, int testImages, int trainImages, long seed, String engine, int threads,
                      double seconds, String model) {}

  /** The objective the model was trained on, when it is not the plain -ELBO, on the test images. */
  public record TrainedObjective(String objective, double value, double seconds) {}

  /** The test negative ELBO averaged over K sampled z per image, with its parts. */
  public record Nelbo(int samples, double nelbo, double recon, double kl, double seconds) {}

  /**
   * The importance-weighted negative log-likelihood with K samples, the negative ELBO of the same samples,
   * and the estimate with fewer samples (from blocks of the same ones), to see it settle. For a conditional
   * model it is -log p(x | y), given each image's label (conditional true; null or false otherwise).
   */
  public record LogLikelihood(int samples, double nll, double nelbo, List<Bound> bySamples, double seconds,
                              Boolean conditional) {}

  /** The negative log-likelihood estimate with k samples. */
  public record Bound(int samples, double nll) {}

  /** Active units: dimensions whose variance over the test set of E_q[z|x] exceeds the threshold. */
  public record Activity(int count, int latent, double threshold, double[] variances, double seconds) {}

  /** Digit labels predicted from test means, by models fitted on training means. */
  public record LatentClassification(int k, double knnAccuracy, double logisticAccuracy, double seconds) {}

  /**
   * Samples judged by a digit classifier vae4j trained itself (named, with its test accuracy and file
   * checksum): the Frechet distance of its penultimate features between prior samples and test images, its
   * accuracy on reconstructions of test images, the histogram of its predicted classes of prior samples
   * with their entropy (log 10 when uniform), and its mean top-class probability on them. For a conditional
   * model, whose prior samples take the labels 0..C-1 in turn: the classifier's accuracy against those labels,
   * in all and per label (null otherwise).
   */
  public record SampleQuality(String classifier, double classifierAccuracy, String classifierSha256, int samples,
                              double frechetDistance, double reconstructionAccuracy, int[] classHistogram,
                              double classEntropy, double meanTopProbability, double seconds,
                              Double conditionalAccuracy, double[] conditionalAccuracyByLabel) {}

  /** Stores this report into a run's metrics.json, replacing an earlier evaluation. */
  public void save(Path metricsFile) {
    MetricsFile.writeEvaluation(metricsFile, MetricsFile.toJsonTree(this));
  }

  /** The evaluation stored in a metrics.json, or null when there is none. */
  public static EvaluationReport of(MetricsFile.Recorded metrics, Path file) {
    JsonNode node = metrics.evaluation();
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    try {
      return MetricsFile.fromJsonTree(node, EvaluationReport.class);
    } catch (JsonProcessingException e) {
      throw new UserError(file + ": the evaluation in the metrics cannot be read: " + e.getOriginalMessage());
    }
  }
}
