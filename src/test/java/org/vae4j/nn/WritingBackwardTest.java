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
  void linearBackwardIsThePlainStepsItFuses() {
    try (JavaGemm gemm = new JavaGemm(2); Parallel two = new Parallel(2)) {
      int in = 33;
      int out = 700; // wide enough to split over the threads
      int batch = 40;
      Parameters params = layout(in, out);
      Linear fc = new Linear(params, "fc", Activation.RELU, gemm, two);
      fc.init(rng);
      float[] x = random(rng, batch * in, 1f);
      float[] dy = random(rng, batch * out, 1f);
      float[] y = new float[batch * out];
      fc.forward(y, x, batch);
      Arrays.fill(params.grads(), 0f);
      float[] dx = new float[batch * in];
      fc.backward(dx, dy.clone(), x, y, batch);

      // the plain steps: dy through the ReLU, dW = dy'^T x, db = the batch's sum of dy' in order, dx = dy' W
      Tensor w = params.tensor("fc.weight");
      Tensor b = params.tensor("fc.bias");
      float[] through = dy.clone();
      Relu.backward(through, y, through.length, Parallel.SERIAL);
      float[] dw = new float[out * in];
      gemm.gemm(true, false, out, in, batch, through, 0, x, 0, 0f, dw, 0);
      float[] db = new float[out];
      for (int row = 0; row < batch; row++) {
        for (int o = 0; o < out; o++) {
          db[o] += through[row * out + o];
        }
      }
      float[] plainDx = new float[batch * in];
      gemm.gemm(false, false, batch, in, out, through, 0, params.values(), w.offset(), 0f, plainDx, 0);
      assertThat(Arrays.copyOfRange(params.grads(), w.offset(), w.offset() + w.size())).containsExactly(dw);
      assertThat(Arrays.copyOfRange(params.grads(), b.offset(), b.offset() + b.size())).containsExactly(db);
      assertThat(dx).containsExactly(plainDx);
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
