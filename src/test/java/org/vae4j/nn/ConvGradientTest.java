package org.vae4j.nn;

import static org.vae4j.nn.GradientCheck.check;
import static org.vae4j.nn.GradientCheck.dot;
import static org.vae4j.nn.GradientCheck.random;

import java.util.function.DoubleSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Finite-difference checks of the convolution layers' backward against their forward, every parameter and input. */
class ConvGradientTest {
  private static final int B = 3;

  static java.util.List<LayerSpec> specs() {
    return java.util.List.of(
        new Conv2dSpec("conv", new Shape(2, 6, 5), 3, 3, 2, 1, Activation.NONE),
        new Conv2dSpec("conv", new Shape(2, 5, 5), 3, 3, 1, 1, Activation.RELU),
        new ConvTranspose2dSpec("deconv", new Shape(3, 3, 3), 2, 3, 2, 1, 1, Activation.NONE),
        new ConvTranspose2dSpec("deconv", new Shape(3, 3, 4), 2, 3, 1, 1, 0, Activation.RELU),
        new ConvTranspose2dSpec("deconv", new Shape(3, 1, 2), 3, 3, 2, 1, 1, Activation.NONE),
        new Conv2dSpec("conv", new Shape(2, 2, 4), 3, 3, 2, 1, Activation.NONE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void backwardIsTheDerivativeOfForward(LayerSpec spec) {
    Rng rng = new Rng(42);
    Parameters.Builder layout = new Parameters.Builder();
    spec.declare(layout);
    Parameters params = layout.build();
    try (Parallel parallel = new Parallel(2)) {
      Layer layer = spec.bind(params, new ReferenceGemm(), parallel);
      layer.init(rng);
      int out = B * spec.output().size();
      float[] y = new float[out];
      float[] scratch = new float[Math.toIntExact(layer.scratchSize(B))];
      float[] x;
      do { // finite differences need every pre-activation clear of ReLU's kink at 0
        x = random(rng, B * spec.input().size(), 1f);
      } while (spec.activation() == Activation.RELU && nearKink(spec, params, x, y, scratch, parallel));
      float[] r = random(rng, out, 1f); // loss = sum(y * r), so dy = r
      float[] dx = new float[x.length];
      layer.forward(y, x, B, scratch);
      layer.backward(dx, r.clone(), x, y, B, scratch);
      float[] input = x;
      DoubleSupplier loss = () -> {
        layer.forward(y, input, B, scratch);
        return dot(y, r, out);
      };
      for (Tensor t : params.tensors()) {
        check(t.name(), params.values(), t.offset(), t.size(), params.grads(), t.offset(), loss);
      }
      check("x", x, 0, x.length, dx, 0, loss);
    }
  }

  /** Whether some pre-activation of x is within 0.01 of 0, where a step of 1e-3 could cross ReLU's kink. */
  private static boolean nearKink(LayerSpec spec, Parameters params, float[] x, float[] y, float[] scratch,
                                  Parallel parallel) {
    LayerSpec linear = spec instanceof Conv2dSpec c
        ? new Conv2dSpec(c.name(), c.input(), c.outChannels(), c.kernel(), c.stride(), c.padding(), Activation.NONE)
        : withoutActivation((ConvTranspose2dSpec) spec);
    linear.bind(params, new ReferenceGemm(), parallel).forward(y, x, B, scratch);
    for (float v : y) {
      if (Math.abs(v) < 0.01f) {
        return true;
      }
    }
    return false;
  }

  private static LayerSpec withoutActivation(ConvTranspose2dSpec t) {
    return new ConvTranspose2dSpec(t.name(), t.input(), t.outChannels(), t.kernel(), t.stride(), t.padding(),
        t.outputPadding(), Activation.NONE);
  }
}
