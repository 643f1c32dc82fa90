package org.vae4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The convolution layers' fast paths (im2col, a product per group of images on each thread, col2im) against
 * their plain-loop references, for every engine, on the conv VAE's shapes and on odd ones: kernels wider
 * than the stride and not, padding that eats whole rows, batches shorter than a group or than the runs of
 * backward, groups of one image; and the same bits for any thread count with the pure-Java engines.
 */
class ConvLayerTest {
  private static final int THREADS = 2;

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (String engine : List.of(GemmEngines.JAVA_AUTOVEC, GemmEngines.JAVA_VECTOR, GemmEngines.NATIVE, "reference")) {
      for (LayerSpec spec : specs()) {
        for (int batch : new int[] {1, 3, 21}) {
          cases.add(Arguments.of(engine, spec, batch));
        }
      }
    }
    return cases.stream();
  }

  /** The conv VAE's layers on 8x8 images, and odd geometries. */
  static List<LayerSpec> specs() {
    return List.of(
        new Conv2dSpec("enc1", new Shape(1, 8, 8), 4, 3, 2, 1, Activation.RELU),
        new Conv2dSpec("enc2", new Shape(4, 4, 4), 6, 3, 2, 1, Activation.RELU),
        new Conv2dSpec("wide", new Shape(3, 7, 5), 5, 4, 1, 2, Activation.NONE),
        new Conv2dSpec("strided", new Shape(2, 9, 10), 3, 2, 3, 0, Activation.NONE),
        new ConvTranspose2dSpec("dec1", new Shape(6, 2, 2), 6, 3, 2, 1, 1, Activation.RELU),
        new ConvTranspose2dSpec("dec2", new Shape(6, 4, 4), 4, 3, 2, 1, 1, Activation.RELU),
        new ConvTranspose2dSpec("out", new Shape(4, 8, 8), 1, 3, 1, 1, 0, Activation.NONE),
        new ConvTranspose2dSpec("odd", new Shape(3, 5, 4), 2, 4, 3, 2, 2, Activation.NONE),
        new ConvTranspose2dSpec("cropped", new Shape(2, 3, 3), 3, 5, 1, 3, 0, Activation.RELU),
        // 256 positions and more: a product per image, on the activations as they lie
        new Conv2dSpec("single", new Shape(2, 16, 16), 3, 3, 1, 1, Activation.RELU),
        new ConvTranspose2dSpec("single", new Shape(2, 16, 17), 2, 3, 1, 1, 0, Activation.RELU));
  }

  @ParameterizedTest(name = "{0} {1} batch {2}")
  @MethodSource("cases")
  void fastPathMatchesReference(String engine, LayerSpec spec, int batch) {
    try (Parallel parallel = new Parallel(THREADS)) {
      Gemm gemm = engine.equals("reference") ? new ReferenceGemm() : GemmEngines.create(engine, parallel, System.err);
      Run fast = Run.of(spec, gemm, parallel, batch, false);
      Run reference = Run.of(spec, gemm, parallel, batch, true);
      assertClose("y", fast.y, reference.y);
      assertClose("dx", fast.dx, reference.dx);
      assertClose("grads", fast.grads, reference.grads);
    }
  }

  /** With the pure-Java engines every value is computed in the same order whatever the thread count. */
  @Test
  void sameBitsForAnyThreadCount() {
    for (LayerSpec spec : specs()) {
      Run one = null;
      for (int threads = 1; threads <= 3; threads++) {
        try (Parallel parallel = new Parallel(threads)) {
          Run run = Run.of(spec, GemmEngines.create(GemmEngines.JAVA_VECTOR, parallel, System.err), parallel, 21, false);
          if (one == null) {
            one = run;
          } else {
            assertThat(run.y).as(spec.name() + " y, threads " + threads).containsExactly(one.y);
            assertThat(run.dx).as(spec.name() + " dx, threads " + threads).containsExactly(one.dx);
            assertThat(run.grads).as(spec.name() + " grads, threads " + threads).containsExactly(one.grads);
          }
        }
      }
    }
  }

  /** Backward adds into the parameter gradients and dx, as every layer does. */
  @Test
  void backwardAccumulates() {
    for (LayerSpec spec : specs()) {
      try (Parallel parallel = new Parallel(THREADS)) {
        Gemm gemm = GemmEngines.create(GemmEngines.JAVA_VECTOR, parallel, System.err);
        Run once = Run.of(spec, gemm, parallel, 5, false);
        Run twice = Run.of(spec, gemm, parallel, 5, false, 2);
        for (int i = 0; i < once.grads.length; i++) {
          assertThat(twice.grads[i]).as(spec.name()).isCloseTo(2 * once.grads[i], org.assertj.core.data.Offset.offset(1e-5f));
        }
        for (int i = 0; i < once.dx.length; i++) {
          assertThat(twice.dx[i]).as(spec.name()).isCloseTo(2 * once.dx[i], org.assertj.core.data.Offset.offset(1e-5f));
        }
      }
    }
  }

  /** The output shapes PyTorch gives, and the VAE's halving and doubling. */
  @Test
  void outputShapesFollowPyTorch() {
    assertThat(new Conv2dSpec("c", new Shape(1, 28, 28), 32, 3, 2, 1, Activation.RELU).output())
        .isEqualTo(new Shape(32, 14, 14));
    assertThat(new Conv2dSpec("c", new Shape(1, 27, 27), 32, 3, 2, 1, Activation.RELU).output())
        .isEqualTo(new Shape(32, 14, 14));
    assertThat(new ConvTranspose2dSpec("t", new Shape(64, 7, 7), 64, 3, 2, 1, 1, Activation.RELU).output())
        .isEqualTo(new Shape(64, 14, 14));
    assertThat(new ConvTranspose2dSpec("t", new Shape(64, 7, 7), 64, 3, 2, 1, 0, Activation.RELU).output())
        .isEqualTo(new Shape(64, 13, 13));
    assertThat(new ConvTranspose2dSpec("t", new Shape(32, 28, 28), 1, 3, 1, 1, 0, Activation.NONE).output())
        .isEqualTo(new Shape(1, 28, 28));
  }

  /** One forward and backward (or several) of a layer on random input, parameters and output gradient. */
  private record Run(float[] y, float[] dx, float[] grads) {
    static Run of(LayerSpec spec, Gemm gemm, Parallel parallel, int batch, boolean reference) {
      return of(spec, gemm, parallel, batch, reference, 1);
    }

    static Run of(LayerSpec spec, Gemm gemm, Parallel parallel, int batch, boolean reference, int backwards) {
      Rng rng = new Rng(7);
      Parameters.Builder layout = new Parameters.Builder();
      spec.declare(layout);
      Parameters params = layout.build();
      Layer layer = spec.bind(params, gemm, parallel);
      layer.init(rng);
      float[] x = GradientCheck.random(rng, batch * spec.input().size(), 1f);
      float[] dy = GradientCheck.random(rng, batch * spec.output().size(), 1f);
      float[] y = new float[batch * spec.output().size()];
      float[] dx = new float[x.length];
      long scratch = layer.scratchSize(batch);
      float[] s = scratch == 0 ? null : new float[Math.toIntExact(scratch)];
      for (int i = 0; i < backwards; i++) {
        if (reference) {
          forwardReference(layer, y, x, batch);
          backwardReference(layer, dx, dy.clone(), x, y, batch);
        } else {
          layer.forward(y, x, batch, s);
          layer.backward(dx, dy.clone(), x, y, batch, s);
        }
      }
      return new Run(y, dx, params.grads().clone());
    }

    private static void forwardReference(Layer layer, float[] y, float[] x, int batch) {
      if (layer instanceof Conv2d c) {
        c.forwardReference(y, x, batch);
      } else {
        ((ConvTranspose2d) layer).forwardReference(y, x, batch);
      }
    }

    private static void backwardReference(Layer layer, float[] dx, float[] dy, float[] x, float[] y, int batch) {
      if (layer instanceof Conv2d c) {
        c.backwardReference(dx, dy, x, y, batch);
      } else {
        ((ConvTranspose2d) layer).backwardReference(dx, dy, x, y, batch);
      }
    }
  }

  /** Float sums in another order: each value within 1e-5 of the largest (1e-6 seen). */
  private static void assertClose(String name, float[] actual, float[] expected) {
    assertThat(actual).hasSameSizeAs(expected);
    double scale = 0;
    double diff = 0;
    for (int i = 0; i < actual.length; i++) {
      scale = Math.max(scale, Math.abs(expected[i]));
      diff = Math.max(diff, Math.abs(actual[i] - expected[i]));
    }
    if (diff > 1e-5 * Math.max(scale, 1)) {
      fail(String.format(Locale.ROOT, "%s: largest difference %.3g at scale %.3g", name, diff, scale));
    }
  }
}
