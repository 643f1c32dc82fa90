package org.vae4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;
import org.vae4j.nn.Parallel;
import org.vae4j.nn.Rng;

/** Softmax regression: perfect on separated clusters, chance on shuffled labels, and its invariances. */
class LogisticRegressionTest {
  @Test
  void isPerfectOnSeparatedClusters() {
    int d = 10;
    Blobs train = Blobs.of(1, 2000, d, 10, 20, 1);
    Blobs test = Blobs.of(1, 500, d, 10, 20, 1); // the same centres: the seed draws them first
    LogisticRegression model = LogisticRegression.fit(train.points, 2000, d, train.labels, Parallel.SERIAL);
    assertThat(model.classes()).isEqualTo(10);
    assertThat(model.accuracy(test.points, 500, test.labels)).isEqualTo(1.0);
  }

  @Test
  void isAtChanceWhenTrainingLabelsAreShuffled() {
    // weakly clustered points: with separated clusters each would get one label at random, and the accuracy
    // would be a multiple of 0.1 decided by 10 draws rather than close to 0.1
    int d = 10;
    Blobs train = Blobs.of(2, 3000, d, 10, 0.2, 1);
    Blobs test = Blobs.of(2, 2000, d, 10, 0.2, 1);
    LogisticRegression model = LogisticRegression.fit(train.points, 3000, d, train.shuffledLabels(3), Parallel.SERIAL);
    assertThat(model.accuracy(test.points, 2000, test.labels)).isCloseTo(0.1, offset(0.03));
  }

  @Test
  void convergesOnOverlappingClusters() {
    // no perfect answer here: the fit must reach the gradient tolerance, and beat chance clearly
    int d = 10;
    Blobs train = Blobs.of(4, 3000, d, 10, 1, 1);
    Blobs test = Blobs.of(4, 1000, d, 10, 1, 1);
    LogisticRegression model = LogisticRegression.fit(train.points, 3000, d, train.labels, Parallel.SERIAL);
    assertThat(model.iterations()).isLessThan(500);
    assertThat(model.accuracy(test.points, 1000, test.labels)).isGreaterThan(0.6);
  }

  @Test
  void threadsDoNotChangeTheModel() {
    int d = 7;
    Blobs train = Blobs.of(5, 2500, d, 10, 1, 1); // more points than one chunk of the loss
    Blobs test = Blobs.of(6, 800, d, 10, 1, 1);
    LogisticRegression serial = LogisticRegression.fit(train.points, 2500, d, train.labels, Parallel.SERIAL);
    try (Parallel two = new Parallel(2)) {
      LogisticRegression parallel = LogisticRegression.fit(train.points, 2500, d, train.labels, two);
      assertThat(parallel.iterations()).isEqualTo(serial.iterations());
      assertThat(parallel.predict(test.points, 800)).containsExactly(serial.predict(test.points, 800));
    }
  }

  @Test
  void standardizesTheFeatures() {
    // shifting and scaling a feature changes nothing, and a constant feature is harmless
    int n = 1000;
    int d = 4;
    Blobs train = Blobs.of(7, n, d, 5, 2, 1);
    Blobs test = Blobs.of(7, 300, d, 5, 2, 1);
    int[] plain = LogisticRegression.fit(train.points, n, d, train.labels, Parallel.SERIAL).predict(test.points, 300);
    float[] trainChanged = changed(train.points, d);
    float[] testChanged = changed(test.points, d);
    int[] changed = LogisticRegression.fit(trainChanged, n, d, train.labels, Parallel.SERIAL)
        .predict(testChanged, 300);
    int same = 0;
    for (int i = 0; i < 300; i++) {
      same += plain[i] == changed[i] ? 1 : 0;
    }
    assertThat(same).as("predictions that agree").isGreaterThanOrEqualTo(297); // points on a boundary may flip
  }

  @Test
  void objectiveIsTheMeanCrossEntropyPlusPenaltyAndItsGradientAgreesWithFiniteDifferences() {
    int n = 60;
    int d = 3;
    int classes = 4;
    Rng rng = new Rng(8);
    double[] x = new double[n * d];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = rng.nextInt(classes);
      for (int j = 0; j < d; j++) {
        x[i * d + j] = 2 * rng.nextDouble() - 1;
      }
    }
    LogisticRegression.Objective objective = new LogisticRegression.Objective(x, labels, n, d, classes,
        Parallel.SERIAL);
    int size = classes * d + classes;
    double[] grad = new double[size];
    assertThat(objective.evaluate(new double[size], grad)).as("uniform probabilities")
        .isCloseTo(Math.log(classes), offset(1e-14));

    double[] theta = new double[size];
    for (int p = 0; p < size; p++) {
      theta[p] = 4 * rng.nextDouble() - 2;
    }
    objective.evaluate(theta, grad);
    double h = 1e-6;
    double[] scratch = new double[size];
    for (int p = 0; p < size; p++) {
      double saved = theta[p];
      theta[p] = saved + h;
      double up = objective.evaluate(theta, scratch);
      theta[p] = saved - h;
      double down = objective.evaluate(theta, scratch);
      theta[p] = saved;
      assertThat(grad[p]).as("d objective / d theta[%d]", p).isCloseTo((up - down) / (2 * h), offset(1e-8));
    }
  }

  @Test
  void refusesBadInputs() {
    assertThatThrownBy(() -> LogisticRegression.fit(new float[4], 2, 2, new int[] {0}, Parallel.SERIAL))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 labels, got 1");
    LogisticRegression model = LogisticRegression.fit(new float[] {0, 1}, 2, 1, new int[] {0, 1}, Parallel.SERIAL);
    assertThatThrownBy(() -> model.predict(new float[] {0, 1}, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 values, got 2");
  }

  // feature 0 times 1000 plus 5000, feature 1 divided by 100, feature 2 replaced by a constant
  private static float[] changed(float[] points, int d) {
    float[] x = points.clone();
    for (int i = 0; i < x.length; i += d) {
      x[i] = 1000 * x[i] + 5000;
      x[i + 1] = x[i + 1] / 100;
    }
    return x;
  }
}
