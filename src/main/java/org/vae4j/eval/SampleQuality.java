package org.vae4j.eval;

import java.util.function.IntUnaryOperator;
import org.vae4j.data.ImageSet;
import org.vae4j.model.DigitClassifier;
import org.vae4j.model.Vae;
import org.vae4j.nn.Parallel;
import org.vae4j.nn.Rng;

/**
 * Samples and reconstructions judged by a digit classifier. Generated images are the decoder's Bernoulli
 * means (grey, like the classifier's training images); reconstructions decode the posterior mean.
 */
public final class SampleQuality {
  private static final int BATCH = 500;

  private final DigitClassifier classifier;
  private final Parallel parallel;

  public SampleQuality(DigitClassifier classifier, Parallel parallel) {
    this.classifier = classifier;
    this.parallel = parallel;
  }

  /**
   * What the classifier makes of one set of images; with true labels, also how many it got right, in all
   * and per label (correctByLabel[c] of totalByLabel[c]).
   */
  record Judged(GaussianMoments features, int[] histogram, double meanTopProbability, int correct,
                int[] correctByLabel, int[] totalByLabel) {
    /** The accuracy on the images of each true label (NaN for a label no image has). */
    double[] accuracyByLabel() {
      double[] accuracy = new double[totalByLabel.length];
      for (int c = 0; c < accuracy.length; c++) {
        accuracy[c] = totalByLabel[c] == 0 ? Double.NaN : (double) correctByLabel[c] / totalByLabel[c];
      }
      return accuracy;
    }

    /** The entropy in nats of the predicted classes' frequencies: log(classes) when uniform. */
    double classEntropy() {
      int total = 0;
      for (int count : histogram) {
        total += count;
      }
      double entropy = 0;
      for (int count : histogram) {
        if (count > 0) {
          double p = (double) count / total;
          entropy -= p * Math.log(p);
        }
      }
      return entropy;
    }
  }

  /** The classifier's features, predictions and accuracy on the images of a set, as they are. */
  Judged judge(ImageSet images) {
    return judge(images.count(), images.pixels(), images::toFloats, images::label);
  }

  /**
   * n images decoded from z ~ N(0, I), rng drawing the z. A conditional model decodes image i with the
   * label i mod C, which then counts as its true label: the accuracy says how well the label steers the
   * model.
   */
  Judged judgePriorSamples(Vae vae, int n, Rng rng) {
    int d = vae.latent();
    int c = vae.classes();
    float[] z = new float[BATCH * d];
    int[] y = c > 0 ? new int[BATCH] : null;
    return judge(n, vae.input(), (from, count, x) -> {
      rng.fillGaussian(z, 0, count * d);
      for (int i = 0; y != null && i < count; i++) {
        y[i] = (from + i) % c;
      }
      System.arraycopy(vae.decode(z, y, count), 0, x, 0, count * vae.input());
    }, c > 0 ? i -> i % c : null);
  }

  /** The images of a set decoded from their posterior means (given their labels when conditional). */
  Judged judgeReconstructions(Vae vae, ImageSet images) {
    int p = images.pixels();
    int d = vae.latent();
    float[] mean = new float[BATCH * d];
    float[] logvar = new float[BATCH * d];
    int[] y = new int[BATCH];
    return judge(images.count(), p, (from, count, x) -> {
      images.toFloats(from, count, x);
      images.labels(from, count, y);
      vae.posterior(x, y, count, mean, logvar);
      System.arraycopy(vae.decode(mean, y, count), 0, x, 0, count * p);
    }, images::label);
  }

  /** Fills x, (n, P), with the images [from, from + n). */
  private interface Source {
    void images(int from, int n, float[] x);
  }

  private Judged judge(int n, int pixels, Source source, IntUnaryOperator labels) {
    int f = classifier.featureSize();
    int classes = classifier.config().classes();
    float[] x = new float[BATCH * pixels];
    float[] features = new float[n * f];
    int[] histogram = new int[classes];
    int[] correctByLabel = new int[classes];
    int[] totalByLabel = new int[classes];
    double topSum = 0;
    int correct = 0;
    for (int from = 0; from < n; from += BATCH) {
      int b = Math.min(BATCH, n - from);
      source.images(from, b, x);
      float[] probs = classifier.forward(x, b);
      System.arraycopy(classifier.features(), 0, features, from * f, b * f);
      for (int i = 0; i < b; i++) {
        int predicted = classifier.predicted(i);
        histogram[predicted]++;
        topSum += probs[i * classes + predicted];
        if (labels != null) {
          int label = labels.applyAsInt(from + i);
          totalByLabel[label]++;
          if (label == predicted) {
            correct++;
            correctByLabel[label]++;
          }
        }
      }
    }
    return new Judged(GaussianMoments.of(features, n, f, parallel), histogram, topSum / n, correct, correctByLabel,
        totalByLabel);
  }
}
