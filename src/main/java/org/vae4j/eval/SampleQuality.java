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

  /** What the classifier makes of one set of images. */
  record Judged(GaussianMoments features, int[] histogram, double meanTopProbability, int correct) {
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

  /** n images decoded from z ~ N(0, I), rng drawing the z. */
  Judged judgePriorSamples(Vae vae, int n, Rng rng) {
    int d = vae.latent();
    float[] z = new float[BATCH * d];
    return judge(n, vae.input(), (from, count, x) -> {
      rng.fillGaussian(z, 0, count * d);
      System.arraycopy(vae.decode(z, count), 0, x, 0, count * vae.input());
    }, null);
  }

  /** The images of a set decoded from their posterior means, with the set's labels. */
  Judged judgeReconstructions(Vae vae, ImageSet images) {
    int p = images.pixels();
    int d = vae.latent();
    float[] mean = new float[BATCH * d];
    float[] logvar = new float[BATCH * d];
    return judge(images.count(), p, (from, count, x) -> {
      images.toFloats(from, count, x);
      vae.posterior(x, count, mean, logvar);
      System.arraycopy(vae.decode(mean, count), 0, x, 0, count * p);
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
        if (labels != null && labels.applyAsInt(from + i) == predicted) {
          correct++;
        }
      }
    }
    return new Judged(GaussianMoments.of(features, n, f, parallel), histogram, topSum / n, correct);
  }
}
