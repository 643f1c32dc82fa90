package org.vae4j.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.vae4j.UserError;
import org.vae4j.data.ImageSet;
import org.vae4j.data.TestData;
import org.vae4j.eval.ImportanceSampling;
import org.vae4j.model.TestModels;
import org.vae4j.model.Vae;
import org.vae4j.nn.ReferenceGemm;
import org.vae4j.nn.Rng;

/** The per-image scores of a small VAE on real digits, against what they must equal. */
class AnomalyScorerTest {
  private static final ImageSet DIGITS = TestData.mnist().test().first(40);

  private static Vae model(int seed) {
    Vae vae = new Vae(TestModels.mlp(784, 16, 3).architecture(), new ReferenceGemm());
    vae.init(new Rng(seed));
    return vae;
  }

  @Test
  void theNegativeElboIsTheReconstructionPlusANonNegativeKl() {
    AnomalyScores scores = new AnomalyScorer(model(1), null, 10, 1).score(DIGITS, true);
    assertThat(scores.scores()).containsExactly(Score.NELBO, Score.NLL, Score.RECONSTRUCTION,
        Score.ENTROPY_CORRECTED, Score.PNG_CORRECTED);
    for (int i = 0; i < DIGITS.count(); i++) {
      assertThat(scores.get(Score.NELBO)[i]).isGreaterThanOrEqualTo(scores.get(Score.RECONSTRUCTION)[i]);
    }
  }

  @Test
  void theMeanNllIsTheSetsImportanceWeightedEstimateWithTheSameSeed() {
    Vae vae = model(2);
    AnomalyScores scores = new AnomalyScorer(vae, null, 20, 7).score(DIGITS, true);
    double whole = new ImportanceSampling(20, new Rng(7)).estimate(vae, DIGITS::toFloats, DIGITS.count()).nll();
    assertThat(Arrays.stream(scores.get(Score.NLL)).average().orElseThrow()).isCloseTo(whole, within(1e-9));
  }

  @Test
  void aModelAsItsOwnBackgroundGivesALikelihoodRatioOfZero() {
    Vae vae = model(3);
    AnomalyScores scores = new AnomalyScorer(vae, vae, 5, 1).score(DIGITS, true);
    assertThat(scores.get(Score.LIKELIHOOD_RATIO)).containsOnly(0.0);
  }

  @Test
  void anotherBackgroundGivesTheDifferenceOfTheTwoNlls() {
    Vae vae = model(4);
    Vae background = model(5);
    AnomalyScores both = new AnomalyScorer(vae, background, 5, 1).score(DIGITS, true);
    AnomalyScores alone = new AnomalyScorer(background, null, 5, 1).score(DIGITS, true);
    for (int i = 0; i < DIGITS.count(); i++) {
      assertThat(both.get(Score.LIKELIHOOD_RATIO)[i])
          .isCloseTo(both.get(Score.NLL)[i] - alone.get(Score.NLL)[i], within(1e-9));
    }
  }

  @Test
  void theComplexityCorrectionsSubtractThePixelEntropyAndThePngSize() {
    AnomalyScores scores = new AnomalyScorer(model(6), null, 5, 1).score(DIGITS, true);
    for (int i = 0; i < DIGITS.count(); i++) {
      double nll = scores.get(Score.NLL)[i];
      assertThat(scores.get(Score.ENTROPY_CORRECTED)[i])
          .isCloseTo(nll - InputComplexity.pixelEntropy(DIGITS, i), within(1e-9));
      assertThat(scores.get(Score.PNG_CORRECTED)[i])
          .isCloseTo(nll / Math.log(2) - InputComplexity.pngBits(DIGITS, i), within(1e-9));
    }
  }

  @Test
  void binaryImagesHaveNoPixelEntropyAndNoiseCostsMorePngBits() {
    ImageSet binary = DIGITS.binarized(1);
    ImageSet noisy = DIGITS.perturbed(0.5, 1);
    for (int i = 0; i < DIGITS.count(); i++) {
      assertThat(InputComplexity.pixelEntropy(binary, i)).isZero();
      assertThat(InputComplexity.pixelEntropy(DIGITS, i)).isPositive();
      assertThat(InputComplexity.pngBits(noisy, i)).isGreaterThan(InputComplexity.pngBits(DIGITS, i));
    }
  }

  @Test
  void refusesImagesOfAnotherSizeNamingBoth() {
    Vae small = new Vae(TestModels.mlp(16, 8, 2).architecture(), new ReferenceGemm());
    assertThatThrownBy(() -> new AnomalyScorer(small, null, 1, 1).score(DIGITS, true))
        .isInstanceOf(UserError.class).hasMessage("images of 28x28 pixels, but the model takes 1x16");
  }

  @Test
  void aConditionalModelNeedsTheLabels() {
    Vae cvae = new Vae(TestModels.cvae(784, 8, 2, 10).architecture(), new ReferenceGemm());
    assertThatThrownBy(() -> new AnomalyScorer(cvae, null, 1, 1).score(DIGITS, false))
        .isInstanceOf(UserError.class).hasMessageContaining("needs each image's label");
  }
}
