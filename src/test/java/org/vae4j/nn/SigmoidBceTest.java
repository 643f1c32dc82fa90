package org.vae4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The float, polynomial forward pass against the reference formula in double, over the whole logit range. */
class SigmoidBceTest {
  @Test
  void lossAndSigmoidAreWithinAMillionthOfTheDoubleFormula() {
    int n = 400_001;
    float[] logits = new float[n];
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      logits[i] = -100f + 200f * i / (n - 1); // every region: both signs, 0, past the cut at 20
      x[i] = (i % 7) / 6f;
    }
    double[] perImage = new double[n];
    float[] probs = new float[n];
    SigmoidBce.forward(perImage, probs, new float[n], logits, x, 0, n, 1);
    double[] referenceLoss = new double[n];
    float[] referenceProbs = new float[n];
    SigmoidBce.forwardReference(referenceLoss, referenceProbs, logits, x, 0, n, 1);
    double worstLoss = 0;
    double worstProb = 0;
    for (int i = 0; i < n; i++) {
      double loss = referenceLoss[i];
      worstLoss = Math.max(worstLoss, Math.abs(perImage[i] - loss) / Math.max(1, Math.abs(loss)));
      worstProb = Math.max(worstProb, Math.abs(probs[i] - referenceProbs[i]));
    }
    assertThat(worstLoss).as("largest loss error (relative above 1, absolute below)").isLessThan(1e-6);
    assertThat(worstProb).as("largest sigmoid error").isLessThan(1e-6);
  }

  @Test
  void theLossOfRepeatedRowsIsTheForwardsOnTheRowsCopied() {
    int pixels = 37;
    int images = 3;
    int repeats = 4;
    int rows = images * repeats;
    Rng rng = new Rng(11);
    float[] logits = GradientCheck.random(rng, rows * pixels, 30f);
    float[] x = new float[images * pixels];
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.nextFloat();
    }
    float[] copied = new float[rows * pixels];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(x, r / repeats * pixels, copied, r * pixels, pixels);
    }
    double[] expected = new double[rows];
    SigmoidBce.forward(expected, new float[rows * pixels], new float[rows * pixels], logits, copied, 0, rows, pixels);
    double[] actual = new double[rows];
    SigmoidBce.loss(actual, new float[rows * pixels], new float[rows * pixels], logits, x, repeats, 0, 5, pixels);
    SigmoidBce.loss(actual, new float[rows * pixels], new float[rows * pixels], logits, x, repeats, 5, rows, pixels);
    assertThat(actual).containsExactly(expected);
  }

  @Test
  void exactWhereItMatters() {
    double[] perImage = new double[3];
    float[] probs = new float[3];
    SigmoidBce.forward(perImage, probs, new float[3], new float[] {0f, 1e-20f, -1e-20f}, new float[] {0.5f, 1f, 0f},
        0, 3, 1);
    assertThat(probs).containsExactly(0.5f, 0.5f, 0.5f);
    assertThat(perImage[0]).isCloseTo(Math.log(2), org.assertj.core.data.Offset.offset(1e-7));
  }

  @Test
  void partialSumsAddUpEveryValueWhateverTheLengthAndStart() {
    float[] v = new float[13];
    for (int i = 0; i < v.length; i++) {
      v[i] = 1 << i;
    }
    for (int start = 0; start < 3; start++) {
      for (int end = start; end <= v.length; end++) {
        double expected = 0;
        for (int i = start; i < end; i++) {
          expected += v[i];
        }
        assertThat(SigmoidBce.sum(v, start, end)).as("[%d, %d)", start, end).isEqualTo(expected);
      }
    }
  }
}
