package org.vae4j.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The exact AUROC and the ROC curve against cases whose answer is known, ties included. */
class AurocTest {
  @Test
  void separatedScoresGiveOneAndReversedScoresZero() {
    assertThat(Auroc.of(new double[] {1, 2, 3}, new double[] {4, 5})).isEqualTo(1.0);
    assertThat(Auroc.of(new double[] {4, 5}, new double[] {1, 2, 3})).isEqualTo(0.0);
  }

  @Test
  void allScoresTiedGiveOneHalf() {
    assertThat(Auroc.of(new double[] {7, 7, 7}, new double[] {7, 7})).isEqualTo(0.5);
  }

  @Test
  void tiesBetweenTheGroupsCountHalf() {
    // Pairs (anomaly, normal): 2 beats 1, ties 2, loses to 3: 1.5; 4 beats all three: 3. (1.5 + 3) / 6.
    assertThat(Auroc.of(new double[] {1, 2, 3}, new double[] {2, 4})).isEqualTo(0.75);
    // Anomalies (3, 3) against normal (1, 3): 3 > 1 twice, 3 = 3 twice (half each): 3 of 4 pairs.
    assertThat(Auroc.of(new double[] {1, 3}, new double[] {3, 3})).isEqualTo(0.75);
  }

  @Test
  void equalsTheCountOverAllPairsOnScoresWithManyTies() {
    SplittableRandom random = new SplittableRandom(3);
    for (int trial = 0; trial < 20; trial++) {
      double[] normal = new double[1 + random.nextInt(200)];
      double[] anomalous = new double[1 + random.nextInt(200)];
      for (int i = 0; i < normal.length; i++) {
        normal[i] = random.nextInt(12);
      }
      for (int i = 0; i < anomalous.length; i++) {
        anomalous[i] = random.nextInt(15);
      }
      double pairs = 0;
      for (double a : anomalous) {
        for (double n : normal) {
          pairs += a > n ? 1 : a == n ? 0.5 : 0;
        }
      }
      double expected = pairs / ((double) normal.length * anomalous.length);
      assertThat(Auroc.of(normal, anomalous)).as("trial %d", trial).isCloseTo(expected, within(1e-12));
      assertThat(RocCurve.of(normal, anomalous).area()).as("trial %d", trial).isCloseTo(expected, within(1e-12));
    }
  }

  @Test
  void dependsOnlyOnTheOrderOfTheScores() {
    double[] normal = {0.1, 0.5, 0.5, 2.0};
    double[] anomalous = {0.5, 3.0, 0.05};
    double[] normalExp = new double[normal.length];
    double[] anomalousExp = new double[anomalous.length];
    for (int i = 0; i < normal.length; i++) {
      normalExp[i] = Math.exp(3 * normal[i]) - 4;
    }
    for (int i = 0; i < anomalous.length; i++) {
      anomalousExp[i] = Math.exp(3 * anomalous[i]) - 4;
    }
    assertThat(Auroc.of(normalExp, anomalousExp)).isEqualTo(Auroc.of(normal, anomalous));
  }

  @Test
  void theCurveRunsFromTheOriginToOneOneThroughEachThreshold() {
    RocCurve roc = RocCurve.of(new double[] {1, 2, 3}, new double[] {2, 4});
    // Thresholds 4, 3, 2, 1: (0, 1/2), (1/3, 1/2), (2/3, 1) with the tie at 2 as one step, (1, 1).
    assertThat(roc.falsePositiveRate()).containsExactly(0, 0, 1.0 / 3, 2.0 / 3, 1);
    assertThat(roc.truePositiveRate()).containsExactly(0, 0.5, 0.5, 1, 1);
    assertThat(roc.area()).isEqualTo(0.75);
  }

  @Test
  void refusesEmptyGroupsAndNaN() {
    assertThatThrownBy(() -> Auroc.of(new double[0], new double[] {1})).hasMessageContaining("normal and anomalous");
    assertThatThrownBy(() -> Auroc.of(new double[] {1}, new double[] {Double.NaN})).hasMessageContaining("NaN");
  }
}
