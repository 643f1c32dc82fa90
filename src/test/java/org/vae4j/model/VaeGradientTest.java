package org.vae4j.model;

import static org.vae4j.nn.GradientCheck.check;

import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vae4j.nn.Gemm;
import org.vae4j.nn.GradientCheck;
import org.vae4j.nn.Parameters;
import org.vae4j.nn.Rng;
import org.vae4j.nn.SigmoidBce;
import org.vae4j.nn.Tensor;

/** Finite differences of the whole negative ELBO against Vae.backward, for every parameter. */
class VaeGradientTest {
  static Stream<Named<Gemm>> engines() {
    return VaeGoldenTest.engines();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("engines")
  void everyParameterOfASmallModel(Gemm gemm) {
    checkModel(gemm, new VaeConfig(12, 6, 3), 4, Integer.MAX_VALUE, GradientCheck.DEFAULT_FLOOR);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("engines")
  void sampledParametersOfAnMnistSizedModel(Gemm gemm) {
    // A loss of ~500 nats in float activations leaves ~1e-4 of noise in each finite difference.
    checkModel(gemm, new VaeConfig(784, 32, 4), 3, 40, 1e-2);
  }

  /**
   * The batch's mean negative ELBO with the reconstruction term by the reference BCE in double: backward
   * is the derivative of the exact loss (SigmoidBceTest holds the fast forward to it within 1e-6 a pixel).
   */
  private static double exactLoss(Vae vae, float[] x, float[] eps, int batch) {
    vae.forward(x, eps, batch);
    double[] recon = new double[batch];
    int pixels = vae.config().input();
    SigmoidBce.forwardReference(recon, new float[batch * pixels], vae.logits(), x, 0, batch, pixels);
    return (java.util.Arrays.stream(recon).sum() + vae.klSum()) / batch;
  }

  private static void checkModel(Gemm gemm, VaeConfig config, int batch, int perTensor, double floor) {
    Rng rng = new Rng(7);
    Vae vae = new Vae(config, gemm);
    vae.init(rng);
    float[] x = new float[batch * config.input()];
    for (int i = 0; i < x.length; i++) {
      x[i] = i % 5 == 0 ? 0f : i % 5 == 1 ? 1f : rng.nextFloat();
    }
    float[] eps = new float[batch * config.latent()];
    rng.fillGaussian(eps, 0, eps.length);
    vae.forward(x, eps, batch);
    vae.zeroGrad();
    vae.backward();
    Parameters params = vae.parameters();
    float[] analytic = params.grads().clone();
    for (Tensor t : params.tensors()) {
      // spread the checked entries over the tensor rather than taking its first rows only
      int stride = Math.max(1, t.size() / perTensor);
      for (int i = 0; i < t.size(); i += stride) {
        check(t.name() + "[" + i + "]", params.values(), t.offset() + i, 1, analytic, t.offset() + i,
            () -> exactLoss(vae, x, eps, batch), floor);
      }
    }
  }
}
