package org.vae4j.nn;

import java.util.Arrays;

/**
 * A fully connected layer y = activation(x W^T + b), with W stored (out, in) as in PyTorch; the bias and the
 * activation in one pass over y.
 */
public final class Linear implements Layer {
  private final float[] values;
  private final float[] grads;
  private final int weight;
  private final int bias;
  private final int in;
  private final int out;
  private final Activation activation;
  private final Gemm gemm;
  private final Parallel parallel;
  private final float[] biasSums; // (out): backward's bias gradient as it sums the batch
  private final float[] biasRow; // (out): backward's copy of a row of dy, for the sums

  /** Binds to the tensors "prefix.weight" (out, in) and "prefix.bias" (out); element-wise work runs on parallel. */
  public Linear(Parameters params, String prefix, Activation activation, Gemm gemm, Parallel parallel) {
    Tensor w = params.tensor(prefix + ".weight");
    this.values = params.values();
    this.grads = params.grads();
    this.weight = w.offset();
    this.bias = params.tensor(prefix + ".bias").offset();
    this.out = w.shape()[0];
    this.in = w.shape()[1];
    this.activation = activation;
    this.gemm = gemm;
    this.parallel = parallel;
    this.biasSums = new float[out];
    this.biasRow = new float[out];
  }

  /** PyTorch's default init: weight and bias uniform in +-1/sqrt(in). */
  @Override
  public void init(Rng rng) {
    float bound = (float) (1.0 / Math.sqrt(in));
    for (int i = 0; i < out * in; i++) {
      values[weight + i] = rng.uniform(bound);
    }
    for (int o = 0; o < out; o++) {
      values[bias + o] = rng.uniform(bound);
    }
  }

  // y: (B, out) = activation(x: (B, in) W^T + b)
  public void forward(float[] y, float[] x, int batch) {
    boolean relu = activation == Activation.RELU;
    if (gemm.gemmBias(false, true, batch, out, in, x, 0, values, weight, values, bias, relu, y, 0)) {
      return; // the engine added the bias and applied the activation to each tile as it finished it
    }
    gemm.gemm(false, true, batch, out, in, x, 0, values, weight, 0f, y, 0);
    parallel.forRange(batch, rowsWorthSplitting(), (from, to) -> {
      for (int b = from; b < to; b++) {
        int row = b * out;
        if (relu) {
          for (int o = 0; o < out; o++) {
            y[row + o] = Math.max(y[row + o] + values[bias + o], 0f);
          }
        } else {
          for (int o = 0; o < out; o++) {
            y[row + o] += values[bias + o];
          }
        }
      }
    });
  }

  @Override
  public void forward(float[] y, float[] x, int batch, float[] scratch) {
    forward(y, x, batch);
  }

  // dy: (B, out), x: (B, in), y: (B, out) as in forward; dW += dy'^T x, db += sum over B of dy',
  // dx += dy' W (dx may be null), where dy' is dy through the activation (written into dy)
  public void backward(float[] dx, float[] dy, float[] x, float[] y, int batch) {
    backward(dx, dy, x, y, batch, true, true);
  }

  // as above, but dW and db are written (=) rather than added to unless addParams, and dx unless addDx; the
  // same bits as adding into zeros (the bias sums start from a zero, the products from beta 0)
  public void backward(float[] dx, float[] dy, float[] x, float[] y, int batch, boolean addParams, boolean addDx) {
    boolean relu = activation == Activation.RELU;
    // dy through the ReLU and the bias sums in one pass, split by columns so that each bias sums its batch in
    // the same order whatever the split; the same bits as Relu.backward, then the sums. Every loop reads and
    // writes at one index (a row of dy is copied to biasRow for its sums): C2 vectorizes no other kind, and
    // the loop that summed straight from dy into the gradient ran ten times slower.
    parallel.forRange(out, Parallel.GRAIN / Math.max(1, batch) + 1, (from, to) -> {
      if (addParams) {
        System.arraycopy(grads, bias + from, biasSums, from, to - from);
      } else {
        Arrays.fill(biasSums, from, to, 0f);
      }
      for (int b = 0; b < batch; b++) {
        int row = b * out;
        if (relu) {
          for (int o = row + from; o < row + to; o++) {
            dy[o] *= Relu.pass(y[o]);
          }
        }
        System.arraycopy(dy, row + from, biasRow, from, to - from);
        for (int o = from; o < to; o++) {
          biasSums[o] += biasRow[o];
        }
      }
      System.arraycopy(biasSums, from, grads, bias + from, to - from);
    });
    gemm.gemm(true, false, out, in, batch, dy, 0, x, 0, addParams ? 1f : 0f, grads, weight);
    if (dx != null) {
      gemm.gemm(false, false, batch, in, out, dy, 0, values, weight, addDx ? 1f : 0f, dx, 0);
    }
  }

  @Override
  public void backward(float[] dx, float[] dy, float[] x, float[] y, int batch, float[] scratch) {
    backward(dx, dy, x, y, batch);
  }

  @Override
  public boolean backward(float[] dx, float[] dy, float[] x, float[] y, int batch, float[] scratch, boolean addParams,
                          boolean addDx) {
    backward(dx, dy, x, y, batch, addParams, addDx);
    return true;
  }

  private int rowsWorthSplitting() {
    return (Parallel.GRAIN + out - 1) / out;
  }
}
