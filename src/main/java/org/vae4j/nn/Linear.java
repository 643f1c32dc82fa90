package org.vae4j.nn;

/** A fully connected layer y = x W^T + b, with W stored (out, in) as in PyTorch. */
public final class Linear {
  private final float[] values;
  private final float[] grads;
  private final int weight;
  private final int bias;
  private final int in;
  private final int out;
  private final Gemm gemm;
  private final Parallel parallel;

  /** Adds "prefix.weight" (out, in) and "prefix.bias" (out) to a parameter layout. */
  public static void declare(Parameters.Builder builder, String prefix, int in, int out) {
    builder.add(prefix + ".weight", out, in);
    builder.add(prefix + ".bias", out);
  }

  /** Binds to the tensors that {@link #declare} added under prefix; element-wise work runs on parallel. */
  public Linear(Parameters params, String prefix, Gemm gemm, Parallel parallel) {
    Tensor w = params.tensor(prefix + ".weight");
    this.values = params.values();
    this.grads = params.grads();
    this.weight = w.offset();
    this.bias = params.tensor(prefix + ".bias").offset();
    this.out = w.shape()[0];
    this.in = w.shape()[1];
    this.gemm = gemm;
    this.parallel = parallel;
  }

  /** PyTorch's default init: weight and bias uniform in +-1/sqrt(in). */
  public void init(Rng rng) {
    float bound = (float) (1.0 / Math.sqrt(in));
    for (int i = 0; i < out * in; i++) {
      values[weight + i] = rng.uniform(bound);
    }
    for (int o = 0; o < out; o++) {
      values[bias + o] = rng.uniform(bound);
    }
  }

  // y: (B, out) = x: (B, in) W^T + b
  public void forward(float[] y, float[] x, int batch) {
    gemm.gemm(false, true, batch, out, in, x, 0, values, weight, 0f, y, 0);
    parallel.forRange(batch, rowsWorthSplitting(), (from, to) -> {
      for (int b = from; b < to; b++) {
        int row = b * out;
        for (int o = 0; o < out; o++) {
          y[row + o] += values[bias + o];
        }
      }
    });
  }

  // y: (B, out) = relu(x: (B, in) W^T + b), the bias and the ReLU in one pass; backward needs this y
  public void forwardRelu(float[] y, float[] x, int batch) {
    gemm.gemm(false, true, batch, out, in, x, 0, values, weight, 0f, y, 0);
    parallel.forRange(batch, rowsWorthSplitting(), (from, to) -> {
      for (int b = from; b < to; b++) {
        int row = b * out;
        for (int o = 0; o < out; o++) {
          y[row + o] = Math.max(y[row + o] + values[bias + o], 0f);
        }
      }
    });
  }

  // dy: (B, out), x: (B, in) as in forward; dW += dy^T x, db += sum over B of dy, dx += dy W (dx may be null)
  public void backward(float[] dx, float[] dy, float[] x, int batch) {
    gemm.gemm(true, false, out, in, batch, dy, 0, x, 0, 1f, grads, weight);
    // split by columns, so that each bias sums its batch in the same order whatever the split
    parallel.forRange(out, Parallel.GRAIN / Math.max(1, batch) + 1, (from, to) -> {
      for (int b = 0; b < batch; b++) {
        int row = b * out;
        for (int o = from; o < to; o++) {
          grads[bias + o] += dy[row + o];
        }
      }
    });
    if (dx != null) {
      gemm.gemm(false, false, batch, in, out, dy, 0, values, weight, 1f, dx, 0);
    }
  }

  private int rowsWorthSplitting() {
    return (Parallel.GRAIN + out - 1) / out;
  }
}
