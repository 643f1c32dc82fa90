package org.vae4j.model;


import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vae4j.nn.Gemm;
import org.vae4j.nn.GradientCheck;
import org.vae4j.nn.Parameters;
import org.vae4j.nn.Rng;
import org.vae4j.nn.Tensor;

/**
 * Finite differences of every objective on every kind against its backward, for every parameter of a small
 * model and sampled parameters of an MNIST-sized one. The likelihood is the exact one in double
 * (TestModels.exact): backward is the derivative of the exact loss, which SigmoidBceTest holds the fast
 * forward to within 1e-6 a pixel.
 */
class VaeGradientTest {

  /**
   * A model and an objective to check. noise: the loss's float rounding noise in units of the plain
   * -ELBO's, which scales the comparison's floor: beta multiplies the KL's, and IWAE sums K samples' float
   * activations through a log-mean-exp (seen: differences of 3e-5 at step 1e-3 that vanish at step 1e-2). The
   * conv kind's float activations are sums of hundreds of terms, with thousands of ReLU kinks around them
   * (seen: an encoder weight's gradient of -0.00460, which PyTorch in float64 gives to 1e-7 and whose float64
   * difference agrees at steps 1e-4 and 1e-6, differs by 2e-4 in float32 at steps 1e-3 and 1e-4).
   */
  record Case(String name, ModelSpec small, ModelSpec mnistSized, ObjectiveSpec objective, double noise) {}

  static final List<Case> CASES = List.of(
      new Case("mlp, -ELBO", TestModels.mlp(12, 6, 3), TestModels.mlp(784, 32, 4), ObjectiveSpec.NELBO, 1),
      new Case("mlp, beta 4", TestModels.mlp(12, 6, 3), TestModels.mlp(784, 32, 4), ObjectiveSpec.elbo(4, 0), 2),
      new Case("mlp, IWAE K 3", TestModels.mlp(12, 6, 3), TestModels.mlp(784, 32, 4), ObjectiveSpec.iwae(3), 3),
      new Case("cvae, -ELBO", TestModels.cvae(12, 6, 3, 4), TestModels.cvae(784, 32, 4, 10), ObjectiveSpec.NELBO,
          1),
      new Case("cvae, IWAE K 2", TestModels.cvae(12, 6, 3, 4), TestModels.cvae(784, 32, 4, 10),
          ObjectiveSpec.iwae(2), 3),
      new Case("conv, -ELBO", TestModels.conv(4, 8, List.of(2, 3), 5, 3), TestModels.conv(28, 28, List.of(4, 8), 16, 4),
          ObjectiveSpec.NELBO, 3),
      new Case("conv, IWAE K 2", TestModels.conv(4, 8, List.of(2, 3), 5, 3),
          TestModels.conv(28, 28, List.of(4, 8), 16, 4), ObjectiveSpec.iwae(2), 4));

  static Stream<Arguments> cases() {
    List<Arguments> all = new ArrayList<>();
    VaeGoldenTest.engines().forEach(engine -> CASES.forEach(c ->
        all.add(Arguments.of(engine, Named.of(c.name(), c)))));
    return all.stream();
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("cases")
  void everyParameterOfASmallModel(Gemm gemm, Case c) {
    checkModel(gemm, c.small(), c.objective(), 4, Integer.MAX_VALUE, c.noise() * GradientCheck.DEFAULT_FLOOR);
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("cases")
  void sampledParametersOfAnMnistSizedModel(Gemm gemm, Case c) {
    // A loss of ~500 nats in float activations leaves ~1e-4 of noise in each finite difference.
    checkModel(gemm, c.mnistSized(), c.objective(), 3, 40, c.noise() * 1e-2);
  }

  private static void checkModel(Gemm gemm, ModelSpec spec, ObjectiveSpec objectiveSpec, int batch, int perTensor,
                                 double floor) {
    Rng rng = new Rng(7);
    Vae vae = new Vae(TestModels.exact(spec), gemm);
    vae.init(rng);
    Objective objective = objectiveSpec.create(vae);
    float[] x = new float[batch * spec.input()];
    for (int i = 0; i < x.length; i++) {
      x[i] = i % 5 == 0 ? 0f : i % 5 == 1 ? 1f : rng.nextFloat();
    }
    int[] labels = new int[batch];
    for (int b = 0; b < batch; b++) {
      labels[b] = b % Math.max(1, spec.classes());
    }
    float[] eps = new float[batch * objective.samples() * spec.latent()];
    rng.fillGaussian(eps, 0, eps.length);
    objective.forward(x, labels, eps, batch);
    objective.zeroGrad();
    objective.backward();
    Parameters params = vae.parameters();
    float[] analytic = params.grads().clone();
    for (Tensor t : params.tensors()) {
      // spread the checked entries over the tensor rather than taking its first rows only
      int stride = Math.max(1, t.size() / perTensor);
      for (int i = 0; i < t.size(); i += stride) {
        GradientCheck.checkAcrossKinks(t.name() + "[" + i + "]", params.values(), t.offset() + i, analytic,
            t.offset() + i, () -> objective.forward(x, labels, eps, batch), floor);
      }
    }
  }
}
