package org.vae4j.nn;

/**
 * A 2-D convolution, torch.nn.Conv2d(C, OC, k, stride s, padding p): weight (OC, C, k, k), bias (OC), then
 * the activation. Each image x (C, H, W) becomes y (OC, OH, OW) = W (OC, C k k) im2col(x) (C k k, OH OW) + b,
 * a few images per matrix product on each thread (see {@link ConvBatch}). forwardReference and
 * backwardReference compute the same with plain loops. Letters: P = OH OW positions, K = C k k.
 */
public final class Conv2d implements Layer {
  private final float[] values;
  private final float[] grads;
  private final int weight;
  private final int bias;
  private final ConvGeometry g; // the input image and the grid of output positions
  private final int outChannels;
  private final Activation activation;
  private final Parallel parallel;
  private final ConvBatch work;
  private final Parallel.ItemTask forwardGroup = this::forwardGroup;
  private final Parallel.ItemTask backwardSegment = this::backwardSegment;
  // the call in progress, read by the threads' items
  private float[] y, x, dx, dy, scratch;
  private int batch;

  /** Binds to the tensors "prefix.weight" (OC, C, k, k) and "prefix.bias" (OC) of params. */
  Conv2d(Parameters params, String prefix, ConvGeometry geometry, Activation activation, Gemm gemm,
         Parallel parallel) {
    Tensor w = params.tensor(prefix + ".weight");
    this.values = params.values();
    this.grads = params.grads();
    this.weight = w.offset();
    this.bias = params.tensor(prefix + ".bias").offset();
    this.g = geometry;
    this.outChannels = w.shape()[0];
    this.activation = activation;
    this.parallel = parallel;
    this.work = new ConvBatch(g.patchSize() * g.positions(), g.positions(), outChannels * g.positions(), w.size(),
        outChannels, gemm, parallel);
  }

  /** PyTorch's default init: weight and bias uniform in +-1/sqrt(fan_in), fan_in = C k k. */
  @Override
  public void init(Rng rng) {
    float bound = (float) (1.0 / Math.sqrt(g.patchSize()));
    for (int i = 0; i < outChannels * g.patchSize(); i++) {
      values[weight + i] = rng.uniform(bound);
    }
    for (int o = 0; o < outChannels; o++) {
      values[bias + o] = rng.uniform(bound);
    }
  }

  @Override
  public long scratchSize(int batch) {
    return work.scratchSize(batch);
  }

  // y: (B, OC, OH, OW) = activation(conv(x: (B, C, H, W), W) + b)
  @Override
  public void forward(float[] y, float[] x, int batch, float[] scratch) {
    this.y = y;
    this.x = x;
    this.batch = batch;
    this.scratch = scratch;
    parallel.forItems(work.groups(batch), forwardGroup);
    clear();
  }

  /** Group number group of forward's images, on the given thread. */
  private void forwardGroup(int group, int thread) {
    int n0 = work.group(batch);
    int from = group * n0;
    int n = Math.min(n0, batch - from);
    int p = g.positions();
    int cols = work.patches(thread, batch);
    for (int i = 0; i < n; i++) {
      g.im2col(scratch, cols + i * p, n * p, x, (from + i) * g.imageSize());
    }
    // out: (OC, n P) = W (OC, K) cols (K, n P); one image's straight into y
    float[] out = n == 1 ? y : scratch;
    int at = n == 1 ? from * outChannels * p : work.activations(thread, batch);
    work.engine(thread).gemm(false, false, outChannels, n * p, g.patchSize(), values, weight, scratch, cols, 0f,
        out, at);
    boolean relu = activation == Activation.RELU;
    for (int i = 0; i < n; i++) {
      for (int o = 0; o < outChannels; o++) {
        int dst = ((from + i) * outChannels + o) * p;
        int src = at + (o * n + i) * p;
        float b = values[bias + o];
        if (relu) {
          for (int q = 0; q < p; q++) {
            y[dst + q] = Math.max(out[src + q] + b, 0f);
          }
        } else {
          for (int q = 0; q < p; q++) {
            y[dst + q] = out[src + q] + b;
          }
        }
      }
    }
  }

  // dy: (B, OC, OH, OW), x and y as in forward; dW += dy'^T-convolved x, db += sum of dy' over B and positions,
  // dx += the transposed convolution of dy' (unless dx is null), where dy' is dy through the activation
  @Override
  public void backward(float[] dx, float[] dy, float[] x, float[] y, int batch, float[] scratch) {
    this.dx = dx;
    this.dy = dy;
    this.x = x;
    this.y = y;
    this.batch = batch;
    this.scratch = scratch;
    parallel.forItems(ConvBatch.SEGMENTS, backwardSegment);
    clear();
    work.reduce(grads, weight, bias, scratch, batch, parallel);
  }

  /** Run number segment of backward's images, into its gradient slot, on the given thread. */
  private void backwardSegment(int segment, int thread) {
    int start = ConvBatch.segmentStart(segment, batch);
    int end = ConvBatch.segmentStart(segment + 1, batch);
    int p = g.positions();
    int k = g.patchSize();
    int outSize = outChannels * p;
    int cols = work.patches(thread, batch);
    int slot = work.slot(segment);
    int dbias = slot + outChannels * k;
    Gemm gemm = work.engine(thread);
    for (int from = start; from < end; from += work.group(batch)) {
      int n = Math.min(work.group(batch), end - from);
      if (activation == Activation.RELU) {
        Relu.backward(dy, y, from * outSize, (from + n) * outSize);
      }
      // dout: (OC, n P), one image's as it lies in dy
      float[] dout = n == 1 ? dy : scratch;
      int at = n == 1 ? from * outSize : work.activations(thread, batch);
      if (n > 1) {
        ConvBatch.gather(scratch, at, dy, from, n, outChannels, p);
      }
      for (int o = 0; o < outChannels; o++) {
        float sum = from == start ? 0f : scratch[dbias + o];
        for (int q = at + o * n * p; q < at + (o + 1) * n * p; q++) {
          sum += dout[q];
        }
        scratch[dbias + o] = sum;
      }
      for (int i = 0; i < n; i++) {
        g.im2col(scratch, cols + i * p, n * p, x, (from + i) * g.imageSize());
      }
      // dW (OC, K) += dout (OC, n P) cols^T (n P, K)
      gemm.gemm(false, true, outChannels, k, n * p, dout, at, scratch, cols, from == start ? 0f : 1f, scratch, slot);
      if (dx != null) {
        // dcols (K, n P) = W^T (K, OC) dout (OC, n P), then added back into the images
        gemm.gemm(true, false, k, n * p, outChannels, values, weight, dout, at, 0f, scratch, cols);
        for (int i = 0; i < n; i++) {
          g.col2im(dx, (from + i) * g.imageSize(), scratch, cols + i * p, n * p);
        }
      }
    }
  }

  private void clear() {
    y = x = dx = dy = scratch = null;
  }

  // y: (B, OC, OH, OW) = activation(conv(x, W) + b), one output at a time, summed in double: the reference
  void forwardReference(float[] y, float[] x, int batch) {
    int c = g.channels();
    int kk = g.kernel();
    for (int b = 0; b < batch; b++) {
      for (int o = 0; o < outChannels; o++) {
        for (int oh = 0; oh < g.gridHeight(); oh++) {
          for (int ow = 0; ow < g.gridWidth(); ow++) {
            double sum = values[bias + o];
            for (int ci = 0; ci < c; ci++) {
              for (int ki = 0; ki < kk; ki++) {
                for (int kj = 0; kj < kk; kj++) {
                  int ih = oh * g.stride() - g.padding() + ki;
                  int iw = ow * g.stride() - g.padding() + kj;
                  if (ih >= 0 && ih < g.height() && iw >= 0 && iw < g.width()) {
                    sum += (double) values[weight + ((o * c + ci) * kk + ki) * kk + kj]
                        * x[((b * c + ci) * g.height() + ih) * g.width() + iw];
                  }
                }
              }
            }
            float v = (float) sum;
            y[((b * outChannels + o) * g.gridHeight() + oh) * g.gridWidth() + ow] =
                activation == Activation.RELU ? Math.max(v, 0f) : v;
          }
        }
      }
    }
  }

  // the same gradients as backward, each input-output pair visited in plain loops: the reference
  void backwardReference(float[] dx, float[] dy, float[] x, float[] y, int batch) {
    int c = g.channels();
    int kk = g.kernel();
    for (int b = 0; b < batch; b++) {
      for (int o = 0; o < outChannels; o++) {
        for (int oh = 0; oh < g.gridHeight(); oh++) {
          for (int ow = 0; ow < g.gridWidth(); ow++) {
            int at = ((b * outChannels + o) * g.gridHeight() + oh) * g.gridWidth() + ow;
            float d = activation == Activation.RELU && y[at] <= 0f ? 0f : dy[at];
            grads[bias + o] += d;
            for (int ci = 0; ci < c; ci++) {
              for (int ki = 0; ki < kk; ki++) {
                for (int kj = 0; kj < kk; kj++) {
                  int ih = oh * g.stride() - g.padding() + ki;
                  int iw = ow * g.stride() - g.padding() + kj;
                  if (ih >= 0 && ih < g.height() && iw >= 0 && iw < g.width()) {
                    int w = weight + ((o * c + ci) * kk + ki) * kk + kj;
                    int xi = ((b * c + ci) * g.height() + ih) * g.width() + iw;
                    grads[w] += d * x[xi];
                    if (dx != null) {
                      dx[xi] += d * values[w];
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}
