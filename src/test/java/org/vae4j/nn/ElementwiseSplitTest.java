package org.vae4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vae4j.nn.GradientCheck.random;

import org.junit.jupiter.api.Test;

/**
 * The element-wise passes split over threads give the same bits as on one thread, at sizes well above
 * Parallel.GRAIN, where they are split.
 */
class ElementwiseSplitTest {
  private static final int B = 64;
  private static final int IN = 96;
  private static final int OUT = 784;

  @Test
  void linearForwardReluAndBackward() {
    float[][] serial = linearPasses(Parallel.SERIAL);
    try (Parallel two = new Parallel(2)) {
      float[][] split = linearPasses(two);
      String[] names = {"forward", "forwardRelu", "dx", "grads"};
      for (int i = 0; i < names.length; i++) {
        assertThat(split[i]).as(names[i]).containsExactly(serial[i]);
      }
    }
  }

  @Test
  void reluAndBceBackwardAndZero() {
    Rng rng = new Rng(9);
    int n = B * OUT;
    float[] y = random(rng, n, 1f);
    for (int i = 0; i < n; i += 3) {
      y[i] = 0f;
    }
    float[] probs = random(rng, n, 0.5f);
    float[] x = random(rng, n, 0.5f);
    float[] start = random(rng, n, 1f);
    try (Parallel two = new Parallel(2)) {
      float[] serial = start.clone();
      float[] split = start.clone();
      Relu.backward(serial, y, n, Parallel.SERIAL);
      Relu.backward(split, y, n, two);
      SigmoidBce.backward(serial, probs, x, n, 0.25f, Parallel.SERIAL);
      SigmoidBce.backward(split, probs, x, n, 0.25f, two);
      assertThat(split).containsExactly(serial);
      two.zero(split);
      assertThat(split).containsOnly(0f);
    }
  }

  @Test
  void latentSampleKlAndTheirBackward() {
    Rng rng = new Rng(10);
    int d = 20;
    int n = B * d;
    float[] mean = random(rng, n, 1f);
    float[] logvar = random(rng, n, 2f);
    float[] eps = random(rng, n, 1.5f);
    float[] dz = random(rng, n, 1f);
    float[] z = new float[n];
    float[] std = new float[n];
    double[] perImage = new double[B];
    float[] dmean = random(rng, n, 1f);
    float[] dlogvar = random(rng, n, 1f);
    float[] splitZ = new float[n];
    float[] splitStd = new float[n];
    double[] splitPerImage = new double[B];
    float[] splitDmean = dmean.clone();
    float[] splitDlogvar = dlogvar.clone();

    GaussianLatent.reparameterize(z, std, mean, logvar, eps, n);
    double kl = GaussianLatent.kl(perImage, mean, logvar, B, d);
    GaussianLatent.backward(dmean, dlogvar, dz, std, eps, mean, logvar, n, 0.3f, Parallel.SERIAL);
    try (Parallel two = new Parallel(2)) {
      GaussianLatent.reparameterize(splitZ, splitStd, mean, logvar, eps, n, two);
      double splitKl = GaussianLatent.kl(splitPerImage, mean, logvar, B, d, two);
      GaussianLatent.backward(splitDmean, splitDlogvar, dz, splitStd, eps, mean, logvar, n, 0.3f, two);
      assertThat(splitKl).isEqualTo(kl);
    }
    assertThat(splitZ).containsExactly(z);
    assertThat(splitStd).containsExactly(std);
    assertThat(splitPerImage).containsExactly(perImage);
    assertThat(splitDmean).containsExactly(dmean);
    assertThat(splitDlogvar).containsExactly(dlogvar);
  }

  /** Forward, forwardRelu, the input gradient and the parameter gradients of one layer, on parallel. */
  private static float[][] linearPasses(Parallel parallel) {
    Parameters.Builder layout = new Parameters.Builder();
    LinearSpec spec = new LinearSpec("fc", IN, OUT, Activation.NONE);
    spec.declare(layout);
    Parameters params = layout.build();
    Linear fc = spec.bind(params, new ReferenceGemm(), parallel);
    Linear fcRelu = new Linear(params, "fc", Activation.RELU, new ReferenceGemm(), parallel);
    Rng rng = new Rng(4);
    fc.init(rng);
    float[] x = random(rng, B * IN, 1f);
    float[] dy = random(rng, B * OUT, 1f);
    float[] y = new float[B * OUT];
    float[] relu = new float[B * OUT];
    float[] dx = new float[B * IN];
    fc.forward(y, x, B);
    fcRelu.forward(relu, x, B);
    fcRelu.backward(dx, dy, x, relu, B);
    return new float[][] {y, relu, dx, params.grads()};
  }
}
