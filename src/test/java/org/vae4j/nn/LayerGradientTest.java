package org.vae4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vae4j.nn.GradientCheck.check;
import static org.vae4j.nn.GradientCheck.dot;
import static org.vae4j.nn.GradientCheck.random;

import org.junit.jupiter.api.Test;

/** Finite-difference checks of each layer's backward against its forward. */
class LayerGradientTest {
  private static final int B = 3;
  private final Rng rng = new Rng(42);

  @Test
  void linear() {
    int in = 7;
    int out = 5;
    Parameters params = layout(in, out);
    Linear fc = linear(params, Activation.NONE);
    fc.init(rng);
    float[] x = random(rng, B * in, 1f);
    float[] r = random(rng, B * out, 1f); // loss = sum(y * r), so dy = r
    float[] y = new float[B * out];
    float[] dx = new float[B * in];
    fc.forward(y, x, B);
    Parallel.SERIAL.zero(params.grads());
    fc.backward(dx, r.clone(), x, y, B);

    Runnable forward = () -> fc.forward(y, x, B);
    java.util.function.DoubleSupplier loss = () -> {
      forward.run();
      return dot(y, r, B * out);
    };
    checkLayer(params, x, dx, loss);
  }

  @Test
  void linearBackwardAccumulates() {
    Parameters params = layout(4, 3);
    Linear fc = linear(params, Activation.NONE);
    fc.init(rng);
    float[] x = random(rng, B * 4, 1f);
    float[] dy = random(rng, B * 3, 1f);
    float[] dx = new float[B * 4];
    float[] y = new float[B * 3];
    fc.forward(y, x, B);
    Parallel.SERIAL.zero(params.grads());
    fc.backward(dx, dy.clone(), x, y, B);
    float[] once = params.grads().clone();
    float[] dxOnce = dx.clone();
    fc.backward(dx, dy.clone(), x, y, B);
    for (int i = 0; i < once.length; i++) {
      assertThat(params.grads()[i]).isCloseTo(2 * once[i], org.assertj.core.data.Offset.offset(1e-5f));
    }
    for (int i = 0; i < dx.length; i++) {
      assertThat(dx[i]).isCloseTo(2 * dxOnce[i], org.assertj.core.data.Offset.offset(1e-5f));
    }
  }

  @Test
  void linearWithRelu() {
    int in = 6;
    int out = 8;
    Parameters params = layout(in, out);
    Linear fc = linear(params, Activation.NONE);
    fc.init(rng);
    float[] pre = new float[B * out];
    float[] x;
    do { // finite differences need every pre-activation clear of the kink at 0
      x = random(rng, B * in, 1f);
      fc.forward(pre, x, B);
    } while (nearZero(pre, 0.01f));
    float[] r = random(rng, B * out, 1f);
    float[] y = new float[B * out];
    Linear relu = linear(params, Activation.RELU);
    relu.forward(y, x, B);
    float[] expected = new float[B * out];
    for (int i = 0; i < pre.length; i++) {
      expected[i] = Math.max(pre[i], 0f);
    }
    assertThat(y).containsExactly(expected);
    float[] dx = new float[B * in];
    Parallel.SERIAL.zero(params.grads());
    relu.backward(dx, r.clone(), x, y, B);
    float[] input = x;
    java.util.function.DoubleSupplier loss = () -> {
      relu.forward(y, input, B);
      return dot(y, r, B * out);
    };
    checkLayer(params, x, dx, loss);
  }

  /** The branch-free backward passes the gradient for every positive output, the smallest included. */
  @Test
  void reluBackwardAtTheExtremes() {
    float[] y = {0f, Float.MIN_VALUE, Float.MIN_NORMAL, 1e-30f, 1f, Float.MAX_VALUE, Float.POSITIVE_INFINITY};
    float[] dy = {3f, 3f, 3f, 3f, 3f, 3f, 3f};

    Relu.backward(dy, y, y.length, Parallel.SERIAL);

    assertThat(dy).containsExactly(0f, 3f, 3f, 3f, 3f, 3f, 3f);
  }

  @Test
  void sigmoidBce() {
    int p = 6;
    float[] logits = random(rng, B * p, 4f);
    float[] target = new float[B * p];
    for (int i = 0; i < target.length; i++) {
      target[i] = i % 3 == 0 ? 0f : i % 3 == 1 ? 1f : rng.nextFloat();
    }
    double[] perImage = new double[B];
    float[] probs = new float[B * p];
    float[] dlogits = new float[B * p];
    float scale = 0.5f;
    SigmoidBce.forward(perImage, probs, new float[B * p], logits, target, 0, B, p);
    SigmoidBce.backward(dlogits, probs, target, B * p, scale, Parallel.SERIAL);
    // backward is the derivative of the exact loss; SigmoidBceTest holds the fast forward to it
    check("logits", logits, 0, logits.length, dlogits, 0, () -> {
      SigmoidBce.forwardReference(perImage, new float[B * p], logits, target, 0, B, p);
      return scale * java.util.Arrays.stream(perImage).sum();
    });
  }

  @Test
  void sigmoidBceIsStableForLargeLogits() {
    float[] logits = {-200f, 200f, 0f, 90f};
    float[] target = {0f, 1f, 0.5f, 0f};
    double[] perImage = new double[4];
    float[] probs = new float[4];
    SigmoidBce.forward(perImage, probs, new float[4], logits, target, 0, 4, 1);
    // exp(-|l|) is cut at exp(-20) = 2.1e-9
    assertThat(perImage[0]).isCloseTo(0.0, org.assertj.core.data.Offset.offset(3e-9));
    assertThat(perImage[1]).isCloseTo(0.0, org.assertj.core.data.Offset.offset(3e-9));
    assertThat(perImage[2]).isCloseTo(Math.log(2), org.assertj.core.data.Offset.offset(1e-7));
    assertThat(perImage[3]).isCloseTo(90.0, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(probs).containsExactly(0f, 1f, 0.5f, 1f);
  }

  @Test
  void softmaxCrossEntropy() {
    int c = 5;
    float[] logits = random(rng, B * c, 3f);
    int[] labels = {0, 4, 2};
    double[] perImage = new double[B];
    float[] probs = new float[B * c];
    float[] dlogits = new float[B * c];
    float scale = 0.5f;
    SoftmaxCrossEntropy.forward(perImage, probs, logits, labels, B, c);
    SoftmaxCrossEntropy.backward(dlogits, probs, labels, B, c, scale);
    check("logits", logits, 0, logits.length, dlogits, 0, () -> {
      SoftmaxCrossEntropy.forward(perImage, probs, logits, labels, B, c);
      return scale * java.util.Arrays.stream(perImage).sum();
    });
  }

  @Test
  void softmaxCrossEntropyIsStableAndKnown() {
    // Row 0: equal logits give log C. Row 1: logits of +-1000 would overflow exp without the max.
    float[] logits = {3f, 3f, 3f, 3f, 1000f, -1000f, 0f, 999f};
    int[] labels = {1, 3};
    double[] perImage = new double[2];
    float[] probs = new float[8];
    SoftmaxCrossEntropy.forward(perImage, probs, logits, labels, 2, 4);
    assertThat(perImage[0]).isCloseTo(Math.log(4), org.assertj.core.data.Offset.offset(1e-12));
    assertThat(perImage[1]).isCloseTo(1 + Math.log1p(Math.exp(-1)), org.assertj.core.data.Offset.offset(1e-9));
    assertThat(probs).containsExactly(0.25f, 0.25f, 0.25f, 0.25f,
        (float) (1 / (1 + Math.exp(-1))), 0f, 0f, (float) (Math.exp(-1) / (1 + Math.exp(-1))));
    float[] softmax = new float[8];
    SoftmaxCrossEntropy.softmax(softmax, logits, 2, 4);
    assertThat(softmax).containsExactly(probs);
  }

  @Test
  void reparameterizeAndKl() {
    int d = 4;
    int n = B * d;
    float[] mean = random(rng, n, 1f);
    float[] logvar = random(rng, n, 1f);
    float[] eps = random(rng, n, 1.5f);
    float[] z = new float[n];
    float[] std = new float[n];
    float[] r = random(rng, n, 1f);
    double[] perImage = new double[B];
    float scale = 0.7f;
    java.util.function.DoubleSupplier loss = () -> {
      GaussianLatent.reparameterize(z, std, mean, logvar, eps, n);
      return dot(z, r, n) + scale * GaussianLatent.kl(perImage, mean, logvar, B, d);
    };
    loss.getAsDouble();
    float[] dmean = new float[n];
    float[] dlogvar = new float[n];
    GaussianLatent.backward(dmean, dlogvar, r, std, eps, mean, logvar, n, scale, Parallel.SERIAL);
    check("mean", mean, 0, n, dmean, 0, loss);
    check("logvar", logvar, 0, n, dlogvar, 0, loss);
  }

  @Test
  void klOfStandardNormalIsZeroAndKnownOtherwise() {
    double[] perImage = new double[1];
    GaussianLatent.kl(perImage, new float[] {0f, 0f}, new float[] {0f, 0f}, 1, 2);
    assertThat(perImage[0]).isEqualTo(0.0);
    // KL(N(1, e^1) || N(0, 1)) = (e + 1 - 1 - 1) / 2 per dimension
    GaussianLatent.kl(perImage, new float[] {1f}, new float[] {1f}, 1, 1);
    assertThat(perImage[0]).isCloseTo((Math.exp(1) - 1) / 2, org.assertj.core.data.Offset.offset(1e-6));
  }

  private static boolean nearZero(float[] values, float margin) {
    for (float v : values) {
      if (Math.abs(v) < margin) {
        return true;
      }
    }
    return false;
  }

  /** A parameter block holding one layer "fc" of in inputs and out outputs. */
  private static Parameters layout(int in, int out) {
    Parameters.Builder layout = new Parameters.Builder();
    new LinearSpec("fc", in, out, Activation.NONE).declare(layout);
    return layout.build();
  }

  /** The layer "fc" of params, with the given activation. */
  private static Linear linear(Parameters params, Activation activation) {
    return new Linear(params, "fc", activation, new ReferenceGemm(), Parallel.SERIAL);
  }

  /** Finite-difference checks of fc's weight and bias gradients and of the input gradient dx. */
  private static void checkLayer(Parameters params, float[] x, float[] dx, java.util.function.DoubleSupplier loss) {
    Tensor w = params.tensor("fc.weight");
    Tensor b = params.tensor("fc.bias");
    check("fc.weight", params.values(), w.offset(), w.size(), params.grads(), w.offset(), loss);
    check("fc.bias", params.values(), b.offset(), b.size(), params.grads(), b.offset(), loss);
    check("x", x, 0, x.length, dx, 0, loss);
  }
}
