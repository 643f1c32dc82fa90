package org.vae4j.nn;

import java.util.Arrays;

/**
 * A 2-D transposed convolution, torch.nn.ConvTranspose2d(C, OC, k, stride s, padding p, output_padding):
 * weight (C, OC, k, k), bias (OC), then the activation; the gradient of a Conv2d with respect to its input,
 * which maps each input value to a k x k stamp of the output, stepping s output pixels per input pixel. Each
 * image x (C, IH, IW) becomes y (OC, OH, OW) = col2im(W^T (K, C) x (C, IH IW)) + b, a few images per matrix
 * product on each thread (see {@link ConvBatch}). forwardReference and backwardReference compute the same
 * with plain loops. Letters: P = IH IW input positions, K = OC k k.
 */
public final class ConvTranspose2d implements Layer {
  private final float[] values;
  private final float[] grads;
  private final int weight;
  private final int bias;
  private final ConvGeometry g; // the output image and the grid of input positions
  private final int inChannels;
  private final Activation activation;
  private final Parallel parallel;
  private final ConvBatch work;
  private final Parallel.ItemTask forwardGroup = this::forwardGroup;
  private final Parallel.ItemTask backwardSegment = this::backwardSegment;
  // the call in progress, read by the threads' items
  private float[] y, x, dx, dy, scratch;
  private int batch;

  /** Binds to the tensors "prefix.weight" (C, OC, k, k) and "prefix.bias" (OC) of params. */
  ConvTranspose2d(Parameters params, String prefix, ConvGeometry geometry, Activation activation, Gemm gemm,
                  Parallel parallel) {
    Tensor w = params.tensor(prefix + ".weight");
    this.values = params.values();
    this.grads = params.grads();
    this.weight = w.offset();
    this.bias = params.tensor(prefix + ".bias").offset();
    this.g = geometry;
    this.inChannels = w.shape()[0];
    this.activation = activation;
    this.parallel = parallel;
    this.work = new ConvBatch(g.patchSize() * g.positions(), g.positions(), inChannels * g.positions(), w.size(),
        g.channels(), gemm, parallel);
  }

  /** PyTorch's default init: weight and bias uniform in +-1/sqrt(fan_in), where fan_in = OC k k (weight.size(1) k k). */
  @Override
  public void init(Rng rng) {
    float bound = (float) (1.0 / Math.sqrt(g.patchSize()));
    for (int i = 0; i < inChannels * g.patchSize(); i++) {
      values[weight + i] = rng.uniform(bound);
    }
    for (int o = 0; o < g.channels(); o++) {
      values[bias + o] = rng.uniform(bound);
    }
  }

  @Override
  public long scratchSize(int batch) {
    return work.scratchSize(batch);
  }

  // y: (B, OC, OH, OW) = activation(conv_transpose(x: (B, C, IH, IW), W) + b)
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
    // in: (C, n P), one image's as it lies in x
    float[] in = n == 1 ? x : scratch;
    int at = n == 1 ? from * inChannels * p : work.activations(thread, batch);
    if (n > 1) {
      ConvBatch.gather(scratch, at, x, from, n, inChannels, p);
    }
    // cols (K, n P) = W^T (K, C) in (C, n P)
    work.engine(thread).gemm(true, false, g.patchSize(), n * p, inChannels, values, weight, in, at, 0f, scratch,
        cols);
    int outSize = g.imageSize();
    int area = g.height() * g.width();
    boolean relu = activation == Activation.RELU;
    for (int i = 0; i < n; i++) {
      int image = (from + i) * outSize;
      Arrays.fill(y, image, image + outSize, 0f);
      g.col2im(y, image, scratch, cols + i * p, n * p);
      for (int o = 0; o < g.channels(); o++) {
        float b = values[bias + o];
        int plane = image + o * area;
        if (relu) {
          for (int q = plane; q < plane + area; q++) {
            y[q] = Math.max(y[q] + b, 0f);
          }
        } else {
          for (int q = plane; q < plane + area; q++) {
            y[q] += b;
          }
        }
      }
    }
  }

  // dy: (B, OC, OH, OW), x and y as in forward; dW += x convolved with dy', db += sum of dy' over B and pixels,
  // dx += conv(dy', W) (unless dx is null), where dy' is dy through the activation
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
    int outSize = g.imageSize();
    int area = g.height() * g.width();
    int cols = work.patches(thread, batch);
    int slot = work.slot(segment);
    int dbias = slot + inChannels * k;
    Gemm gemm = work.engine(thread);
    for (int from = start; from < end; from += work.group(batch)) {
      int n = Math.min(work.group(batch), end - from);
      if (activation == Activation.RELU) {
        Relu.backward(dy, y, from * outSize, (from + n) * outSize);
      }
      for (int o = 0; o < g.channels(); o++) {
        float sum = from == start ? 0f : scratch[dbias + o];
        for (int i = 0; i < n; i++) {
          int at = (from + i) * outSize + o * area;
          for (int q = at; q < at + area; q++) {
            sum += dy[q];
          }
        }
        scratch[dbias + o] = sum;
      }
      for (int i = 0; i < n; i++) {
        g.im2col(scratch, cols + i * p, n * p, dy, (from + i) * outSize); // dcols: (K, n P)
      }
      // in: (C, n P), one image's as it lies in x
      float[] in = n == 1 ? x : scratch;
      int at = n == 1 ? from * inChannels * p : work.activations(thread, batch);
      if (n > 1) {
        ConvBatch.gather(scratch, at, x, from, n, inChannels, p);
      }
      // dW (C, K) += in (C, n P) dcols^T (n P, K)
      gemm.gemm(false, true, inChannels, k, n * p, in, at, scratch, cols, from == start ? 0f : 1f, scratch, slot);
      if (dx != null) {
        // din (C, n P) = W (C, K) dcols (K, n P): one image's added straight into dx, a group's through scratch
        if (n == 1) {
          gemm.gemm(false, false, inChannels, p, k, values, weight, scratch, cols, 1f, dx, at);
        } else {
          int din = work.activations(thread, batch);
          gemm.gemm(false, false, inChannels, n * p, k, values, weight, scratch, cols, 0f, scratch, din);
          ConvBatch.scatterAdd(dx, from, n, scratch, din, inChannels, p);
        }
      }
    }
  }

  private void clear() {
    y = x = dx = dy = scratch = null;
  }

  // y: (B, OC, OH, OW) = activation(conv_transpose(x, W) + b), one output at a time, summed in double: the
  // reference, which gathers for each output pixel the input pixels whose stamp covers it
  void forwardReference(float[] y, float[] x, int batch) {
    int oc = g.channels();
    int kk = g.kernel();
    int ih0 = g.gridHeight();
    int iw0 = g.gridWidth();
    for (int b = 0; b < batch; b++) {
      for (int o = 0; o < oc; o++) {
        for (int oh = 0; oh < g.height(); oh++) {
          for (int ow = 0; ow < g.width(); ow++) {
            double sum = values[bias + o];
            for (int c = 0; c < inChannels; c++) {
              for (int ih = 0; ih < ih0; ih++) {
                for (int iw = 0; iw < iw0; iw++) {
                  int ki = oh + g.padding() - ih * g.stride();
                  int kj = ow + g.padding() - iw * g.stride();
                  if (ki >= 0 && ki < kk && kj >= 0 && kj < kk) {
                    sum += (double) values[weight + ((c * oc + o) * kk + ki) * kk + kj]
                        * x[((b * inChannels + c) * ih0 + ih) * iw0 + iw];
                  }
                }
              }
            }
            float v = (float) sum;
            y[((b * oc + o) * g.height() + oh) * g.width() + ow] = activation == Activation.RELU ? Math.max(v, 0f) : v;
          }
        }
      }
    }
  }

  // the same gradients as backward, each input-output pair visited in plain loops: the reference
  void backwardReference(float[] dx, float[] dy, float[] x, float[] y, int batch) {
    int oc = g.channels();
    int kk = g.kernel();
    int ih0 = g.gridHeight();
    int iw0 = g.gridWidth();
    for (int b = 0; b < batch; b++) {
      for (int o = 0; o < oc; o++) {
        for (int oh = 0; oh < g.height(); oh++) {
          for (int ow = 0; ow < g.width(); ow++) {
            int at = ((b * oc + o) * g.height() + oh) * g.width() + ow;
            float d = activation == Activation.RELU && y[at] <= 0f ? 0f : dy[at];
            grads[bias + o] += d;
            for (int c = 0; c < inChannels; c++) {
              for (int ih = 0; ih < ih0; ih++) {
                for (int iw = 0; iw < iw0; iw++) {
                  int ki = oh + g.padding() - ih * g.stride();
                  int kj = ow + g.padding() - iw * g.stride();
                  if (ki >= 0 && ki < kk && kj >= 0 && kj < kk) {
                    int w = weight + ((c * oc + o) * kk + ki) * kk + kj;
                    int xi = ((b * inChannels + c) * ih0 + ih) * iw0 + iw;
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
