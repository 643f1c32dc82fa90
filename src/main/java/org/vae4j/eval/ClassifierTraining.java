package org.vae4j.eval;

import java.util.Locale;
import org.vae4j.data.ImageSet;
import org.vae4j.model.ClassifierConfig;
import org.vae4j.model.DigitClassifier;
import org.vae4j.nn.Gemm;
import org.vae4j.nn.Parallel;
import org.vae4j.nn.Parameters;
import org.vae4j.nn.Rng;
import org.vae4j.train.Progress;
import org.vae4j.train.Trainer;
import org.vae4j.train.TrainingDiverged;
import org.vae4j.train.TrainingTask;

/**
 * Trains the digit classifier with vae4j's own network code, in the loop that trains the VAEs
 * ({@link Trainer}). Each epoch shuffles the training set and shifts every image by a random offset of up to
 * maxShift pixels each way (zero coming in at the edges), so that the MLP learns digits, not pixel
 * positions; then one Adam step per batch on the mean cross-entropy. The learning rate falls from lr to 0 along a half cosine over all steps. One seeded Rng
 * drives initialization, shuffling and shifts: the same settings, engine and threads give the same model.
 */
public final class ClassifierTraining {
  /** Names this loop (schedule, augmentation, init) in cache keys: change it when the loop changes. */
  public static final String RECIPE = "adam-cosine-shift-v1";
  /** The digits 0 to 9 (or Fashion-MNIST's ten kinds of clothing). */
  public static final int CLASSES = 10;

  private ClassifierTraining() {}

  /** How the classifier is trained; all of it goes into the cache key. */
  public record Settings(int hidden1, int hidden2, int epochs, int batch, double learningRate, int maxShift,
                         long seed) {
    /** 784-512-512-10, 12 epochs of batch 128 from Adam 1e-3, shifts of up to 2 pixels. */
    public static final Settings DEFAULT = new Settings(512, 512, 12, 128, 1e-3, 2, 1);

    public Settings {
      if (hidden1 < 1 || hidden2 < 1 || epochs < 1 || batch < 1 || !(learningRate > 0) || maxShift < 0) {
        throw new IllegalArgumentException(String.format(Locale.ROOT, "invalid classifier settings: hidden %d and %d,"
            + " %d epochs, batch %d, lr %s, max shift %d", hidden1, hidden2, epochs, batch, learningRate, maxShift));
      }
    }
  }

  /** A trained classifier, its accuracy on the test set (a fraction), and the seconds training took. */
  public record Result(DigitClassifier classifier, double testAccuracy, double seconds) {}

  /** Trains a classifier of train's images into their 10 classes and measures its accuracy on test. */
  public static Result train(ImageSet train, ImageSet test, Settings settings, Gemm gemm, Parallel parallel) {
    long start = System.nanoTime();
    DigitClassifier classifier = new DigitClassifier(
        new ClassifierConfig(train.pixels(), settings.hidden1(), settings.hidden2(), CLASSES), gemm, parallel);
    Rng rng = new Rng(settings.seed());
    classifier.init(rng);
    Trainer trainer = new Trainer(new Task(classifier, settings.maxShift(), train.rows(), train.cols()),
        settings.epochs(), settings.batch(), settings.learningRate(), 0, Trainer.Schedule.COSINE, rng, Progress.NONE);
    try {
      trainer.train(train, stats -> { });
    } catch (TrainingDiverged e) {
      throw new IllegalStateException("classifier training diverged: " + e.getMessage(), e);
    }
    double accuracy = accuracy(classifier, test, settings.batch());
    return new Result(classifier, accuracy, (System.nanoTime() - start) / 1e9);
  }

  /** The classifier's step: each image shifted at random, then the mean cross-entropy against the labels. */
  private static final class Task implements TrainingTask {
    private final DigitClassifier classifier;
    private final int maxShift;
    private final int rows;
    private final int cols;
    private final float[] scratch;

    Task(DigitClassifier classifier, int maxShift, int rows, int cols) {
      this.classifier = classifier;
      this.maxShift = maxShift;
      this.rows = rows;
      this.cols = cols;
      this.scratch = new float[rows * cols];
    }

    @Override
    public Parameters parameters() {
      return classifier.parameters();
    }

    @Override
    public Parallel parallel() {
      return classifier.parallel();
    }

    @Override
    public void prepare(float[] x, int[] labels, int batch, Rng rng) {
      if (maxShift > 0) {
        for (int i = 0; i < batch; i++) {
          int dy = rng.nextInt(2 * maxShift + 1) - maxShift;
          int dx = rng.nextInt(2 * maxShift + 1) - maxShift;
          shift(x, i, rows, cols, dy, dx, scratch);
        }
      }
    }

    @Override
    public double forward(float[] x, int[] labels, int batch, Rng rng, long step) {
      return classifier.forward(x, labels, batch);
    }

    @Override
    public void zeroGrad() {
      classifier.zeroGrad();
    }

    @Override
    public void backward() {
      classifier.backward();
    }
  }

  /** The fraction of images whose most probable class is their label. */
  public static double accuracy(DigitClassifier classifier, ImageSet images, int batch) {
    int n = images.count();
    float[] x = new float[batch * images.pixels()];
    int correct = 0;
    for (int from = 0; from < n; from += batch) {
      int b = Math.min(batch, n - from);
      images.toFloats(from, b, x);
      classifier.forward(x, b);
      for (int i = 0; i < b; i++) {
        if (classifier.predicted(i) == images.label(from + i)) {
          correct++;
        }
      }
    }
    return (double) correct / n;
  }

  // x: (B, P); moves image b (rows x cols) down by dy and right by dx pixels, zeros coming in; scratch: (P)
  static void shift(float[] x, int b, int rows, int cols, int dy, int dx, float[] scratch) {
    int offset = b * rows * cols;
    System.arraycopy(x, offset, scratch, 0, rows * cols);
    for (int r = 0; r < rows; r++) {
      int from = r - dy;
      for (int c = 0; c < cols; c++) {
        int fromCol = c - dx;
        boolean inside = from >= 0 && from < rows && fromCol >= 0 && fromCol < cols;
        x[offset + r * cols + c] = inside ? scratch[from * cols + fromCol] : 0f;
      }
    }
  }
}
