package org.vae4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vae4j.nn.GradientCheck.random;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The first backward of a step writes its gradients (beta 0, a bias sum from zero) instead of adding into
 * zeroed ones: it must give the very bits that zeroing and adding give, whatever the gradients held before
 * (NaN here), while backward without that choice still adds, as llm.c's layers do.
 */
class WritingBackwardTest {
  private static final int B = 5;
  private final Rng rng = new Rng(7);

  @Test
  void linearWritesTheBitsThatZeroingAndAddingGive() {
    for (Gemm gemm : List.of(new ReferenceGemm(), new JavaGemm(1))) {
      for (Activation activation : Activation.values()) {
        Parameters params = layout(13, 40);
        Linear fc = new Linear(params, "fc", activation, gemm, Parallel.SERIAL);
        fc.init(rng);
        float[] x = random(rng, B * 13, 1f);
        float[] dy = random(rng, B * 40, 1f);
        float[] y = new float[B * 40];
        fc.forward(y, x, B);

        Arrays.fill(params.grads(), 0f);
        float[] dxAdded = new float[B * 13];
        fc.backward(dxAdded, dy.clone(), x, y, B);
        float[] added = params.grads().clone();

        Arrays.fill(params.grads(), Float.NaN);
        float[] dxWritten = new float[B * 13];
        Arrays.fill(dxWritten, Float.NaN);
        fc.backward(dxWritten, dy.clone(), x, y, B, false, false);
        assertThat(params.grads()).as(gemm.name() + " " + activation).containsExactly(added);
        assertThat(dxWritten).containsExactly(dxAdded);

        fc.backward(dxWritten, dy.clone(), x, y, B, true, true); // and adding still adds
        for (int i = 0; i < added.length; i++) {
          assertThat(params.grads()[i]).isCloseTo(2 * added[i], org.assertj.core.data.Offset.offset(1e-4f));
        }
      }
    }
  }

  @Test
  void sequentialZeroesForALayerThatCanOnlyAdd() {
    LayerSpec first = new LinearSpec("a", 6, 9, Activation.RELU);
    LayerSpec addingOnly = new AddingOnlySpec(new LinearSpec("b", 9, 4, Activation.NONE));
    Parameters.Builder layout = new Parameters.Builder();
    first.declare(layout);
    addingOnly.declare(layout);
    Parameters params = layout.build();
    Sequential net = new Sequential(List.of(first, addingOnly), params, new ReferenceGemm(), Parallel.SERIAL);
    net.init(rng);
    float[] x = random(rng, B * 6, 1f);
    float[] dy = random(rng, B * 4, 1f);

    net.forward(x, B);
    net.zeroGrad();
    Arrays.fill(params.grads(), 0f);
    System.arraycopy(dy, 0, net.outputGrad(), 0, dy.length);
    float[] dxAdded = new float[B * 6];
    net.backward(dxAdded);
    float[] added = params.grads().clone();

    net.forward(x, B);
    Arrays.fill(params.grads(), Float.NaN);
    System.arraycopy(dy, 0, net.outputGrad(), 0, dy.length);
    float[] dxWritten = new float[B * 6];
    net.backward(dxWritten, false);
    assertThat(params.grads()).containsExactly(added);
    assertThat(dxWritten).containsExactly(dxAdded);
  }

  private static Parameters layout(int in, int out) {
    Parameters.Builder b = new Parameters.Builder();
    new LinearSpec("fc", in, out, Activation.NONE).declare(b);
    return b.build();
  }

  /** A Linear that offers only the adding backward, as a layer of another kind might. */
  private record AddingOnlySpec(LinearSpec inner) implements LayerSpec {
    public String name() {
      return inner.name();
    }

    public String kind() {
      return inner.kind();
    }

    public Shape input() {
      return inner.input();
    }

    public Shape output() {
      return inner.output();
    }

    public Activation activation() {
      return inner.activation();
    }

    public void declare(Parameters.Builder params) {
      inner.declare(params);
    }

    public long parameterCount() {
      return inner.parameterCount();
    }

    public long flopsPerImage() {
      return inner.flopsPerImage();
    }

    public List<GemmShape> products(int batch, boolean inputGradient) {
      return inner.products(batch, inputGradient);
    }

    public java.util.Map<String, Object> describe() {
      return inner.describe();
    }

    public Layer bind(Parameters params, Gemm gemm, Parallel parallel) {
      Linear linear = inner.bind(params, gemm, parallel);
      return new Layer() {
        public void init(Rng rng) {
          linear.init(rng);
        }

        public void forward(float[] y, float[] x, int batch, float[] scratch) {
          linear.forward(y, x, batch, scratch);
        }

        public void backward(float[] dx, float[] dy, float[] x, float[] y, int batch, float[] scratch) {
          linear.backward(dx, dy, x, y, batch, scratch);
        }
      };
    }
  }
}
