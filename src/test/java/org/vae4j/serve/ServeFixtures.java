package org.vae4j.serve;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.vae4j.data.Dataset;
import org.vae4j.data.ImageSet;
import org.vae4j.data.TestData;
import org.vae4j.eval.ClassifierTraining;
import org.vae4j.model.DigitClassifier;
import org.vae4j.model.ModelSpec;
import org.vae4j.model.ObjectiveSpec;
import org.vae4j.nn.JavaGemm;
import org.vae4j.nn.Parallel;
import org.vae4j.train.Progress;
import org.vae4j.train.RunConfig;
import org.vae4j.train.TrainOptions;
import org.vae4j.train.TrainingRun;

/**
 * An experiment folder made once per test JVM, as the command line makes one: an mlp model (d = 2) and a
 * cvae (d = 4), each trained for one epoch on 400 MNIST images, and a small digit classifier (three epochs on
 * 2,000 images), so that the tests of the server and the page need nothing else and take seconds.
 */
final class ServeFixtures {
  static final int TRAIN_IMAGES = 400;
  static final ExploredModel.Settings SETTINGS = new ExploredModel.Settings(500, 1000, 100, 20);
  private static Path folder;
  private static DigitClassifier classifier;
  private static Explorer explorer;

  private ServeFixtures() {}

  static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  /** The experiment folder: subfolders "mlp-d2" and "cvae-d4". */
  static synchronized Path folder() {
    if (folder == null) {
      try {
        Path dir = Files.createTempDirectory("vae4j-serve");
        dir.toFile().deleteOnExit();
        Dataset mnist = TestData.mnist();
        train(dir.resolve("mlp-d2"), ModelSpec.mlp(28, 28, 64, 2), mnist);
        train(dir.resolve("cvae-d4"), new ModelSpec("cvae", 28, 28, 10, 4, 64, List.of()), mnist);
        folder = dir;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return folder;
  }

  static void train(Path dir, ModelSpec spec, Dataset data) throws IOException {
    Files.createDirectories(dir);
    ImageSet train = data.train().first(TRAIN_IMAGES);
    ImageSet test = data.test().first(200);
    RunConfig config = new RunConfig("mnist", null, spec, ObjectiveSpec.NELBO, new TrainOptions(1, 16, 3e-3, 1), 1,
        "java", train.count(), test.count(), "17");
    TrainingRun.run(dir, config, train, test, new JavaGemm(1), Parallel.SERIAL, Progress.NONE, QUIET, null);
  }

  static synchronized DigitClassifier classifier() {
    if (classifier == null) {
      Dataset mnist = TestData.mnist();
      classifier = ClassifierTraining.train(mnist.train().first(2000), mnist.test().first(500),
          new ClassifierTraining.Settings(64, 64, 3, 32, 2e-3, 0, 1), new JavaGemm(1), Parallel.SERIAL).classifier();
    }
    return classifier;
  }

  /** The folder opened with two workers per model and the small classifier. */
  static synchronized Explorer explorer() {
    if (explorer == null) {
      explorer = open(2);
    }
    return explorer;
  }

  /** An image as the API takes it: a JSON list of its pixels. */
  static String imageJson(float[] x) {
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < x.length; i++) {
      s.append(i == 0 ? "" : ",").append(Math.round(x[i] * 1000) / 1000.0);
    }
    return s.append("]").toString();
  }

  static Explorer open(int workers) {
    Explorer.Options options = new Explorer.Options(TestData.mnistDir(), "java", workers, null, SETTINGS, 10_000);
    return Explorer.open(folder(), options, (name, data) -> classifier(), QUIET);
  }
}
