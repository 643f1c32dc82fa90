package org.vae4j.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.vae4j.InvalidSetting;

class FlagsTest {
  @Test
  void aThresholdFlagsTheScoresAtOrAboveIt() {
    Flags flags = Flags.atThreshold(Score.NLL, new double[] {1, 5, 3, 5}, 3);
    assertThat(flags.flagged()).containsExactly(false, true, true, true);
    assertThat(flags.count()).isEqualTo(3);
  }

  @Test
  void aContaminationFlagsThatFractionOfTheHighestScores() {
    double[] scores = new double[100];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = (i * 37) % 100; // 0..99, shuffled
    }
    Flags flags = Flags.contamination(Score.NELBO, scores, 0.1);
    assertThat(flags.count()).isEqualTo(10);
    assertThat(flags.threshold()).isEqualTo(90);
    for (int i = 0; i < scores.length; i++) {
      assertThat(flags.flagged()[i]).isEqualTo(scores[i] >= 90);
    }
  }

  @Test
  void scoresTiedWithTheThresholdAreFlaggedToo() {
    Flags flags = Flags.contamination(Score.NLL, new double[] {1, 2, 2, 2, 0}, 0.2);
    assertThat(flags.threshold()).isEqualTo(2);
    assertThat(flags.count()).isEqualTo(3);
  }

  @Test
  void refusesAFractionOutsideZeroToOne() {
    for (double bad : new double[] {0, 1, -0.1, 1.5, Double.NaN}) {
      assertThatThrownBy(() -> Flags.contamination(Score.NLL, new double[] {1, 2}, bad))
          .isInstanceOf(InvalidSetting.class).hasMessageContaining("contamination");
    }
  }
}
