package org.vae4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vae4j.nn.GradientCheck.check;

import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vae4j.nn.Gemm;
import org.vae4j.nn.GradientCheck;
import org.vae4j.nn.Parameters;
import org.vae4j.nn.ReferenceGemm;
import org.vae4j.nn.Rng;
import org.vae4j.nn.Tensor;

/** Finite differences of the classifier's mean cross-entropy against its backward, and what forward gives. */
class DigitClassifierTest {
  static Stream<Named<Gemm>> engines() {
    return VaeGoldenTest.engines();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("engines")
  void everyParameterOfASmallModel(Gemm gemm) {
    checkModel(gemm, new ClassifierConfig(12, 7, 6, 4), 5, Integer.MAX_VALUE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("engines")
  void sampledParametersOfAnMnistSizedModel(Gemm gemm) {
    checkModel(gemm, new ClassifierConfig(784, 32, 16, 10), 3, 40);
  }

  @Test
  void forwardGivesProbabilitiesFeaturesAndPredictions() {
    ClassifierConfig config = new ClassifierConfig(12, 7, 6, 4);
    DigitClassifier classifier = new DigitClassifier(config, new ReferenceGemm());
    classifier.init(new Rng(3));
    int batch = 5;
    float[] x = inputs(new Rng(4), batch * config.input());

    float[] probs = classifier.forward(x, batch);

    assertThat(classifier.featureSize()).isEqualTo(6);
    for (int b = 0; b < batch; b++) {
      double sum = 0;
      int best = 0;
      for (int c = 0; c < 4; c++) {
        sum += probs[b * 4 + c];
        best = probs[b * 4 + c] > probs[b * 4 + best] ? c : best;
      }
      assertThat(sum).isCloseTo(1.0, Offset.offset(1e-6));
      assertThat(classifier.predicted(b)).isEqualTo(best);
    }
    float[] features = classifier.features();
    for (int i = 0; i < batch * 6; i++) {
      assertThat(features[i]).isGreaterThanOrEqualTo(0f); // after the ReLU
    }
    // the features are what the output layer sees: logits = features W^T + b
    Parameters p = classifier.parameters();
    Tensor w = p.tensor("output.weight");
    Tensor bias = p.tensor("output.bias");
    for (int b = 0; b < batch; b++) {
      for (int c = 0; c < 4; c++) {
        double logit = p.values()[bias.offset() + c];
        for (int f = 0; f < 6; f++) {
          logit += features[b * 6 + f] * p.values()[w.offset() + c * 6 + f];
        }
        assertThat(classifier.logits()[b * 4 + c]).isCloseTo((float) logit, Offset.offset(1e-5f));
      }
    }
  }

  @Test
  void backwardNeedsALabelledForward() {
    DigitClassifier classifier = new DigitClassifier(new ClassifierConfig(3, 2, 2, 2), new ReferenceGemm());
    classifier.forward(new float[3], 1);
    assertThatThrownBy(classifier::backward).isInstanceOf(IllegalStateException.class);
  }

  private static float[] inputs(Rng rng, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = i % 5 == 0 ? 0f : i % 5 == 1 ? 1f : rng.nextFloat();
    }
    return x;
  }

  private static void checkModel(Gemm gemm, ClassifierConfig config, int batch, int perTensor) {
    Rng rng = new Rng(11);
    DigitClassifier classifier = new DigitClassifier(config, gemm);
    classifier.init(rng);
    float[] x = inputs(rng, batch * config.input());
    int[] labels = new int[batch];
    for (int b = 0; b < batch; b++) {
      labels[b] = rng.nextInt(config.classes());
    }
    classifier.forward(x, labels, batch);
    classifier.zeroGrad();
    classifier.backward();
    Parameters params = classifier.parameters();
    float[] analytic = params.grads().clone();
    for (Tensor t : params.tensors()) {
      // spread the checked entries over the tensor rather than taking its first rows only
      int stride = Math.max(1, t.size() / perTensor);
      for (int i = 0; i < t.size(); i += stride) {
        check(t.name() + "[" + i + "]", params.values(), t.offset() + i, 1, analytic, t.offset() + i,
            () -> classifier.forward(x, labels, batch), GradientCheck.DEFAULT_FLOOR);
      }
    }
  }
}
