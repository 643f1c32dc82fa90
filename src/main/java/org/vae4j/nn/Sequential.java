package org.vae4j.nn;

import java.util.List;

/**
 * Layers applied one after the other, with the activations they need: for each layer its output (B, out)
 * and that output's gradient, and its scratch, allocated for the largest batch seen so that a loop of one
 * batch size allocates nothing. Buffers it returns are that workspace: valid until the next call.
 */
public final class Sequential {
  private final List<LayerSpec> specs;
  private final Layer[] layers;
  private final List<List<Tensor>> tensors; // each layer's, to zero for one that cannot write its gradients
  private final Parameters params;
  private final int in;
  private final Parallel parallel;
  private int capacity;
  private float[][] outputs = new float[0][];
  private float[][] outputGrads = new float[0][];
  private float[][] scratch = new float[0][];
  private float[] input; // the last forward's x, not owned
  private int batch;

  /** Binds specs (each taking the previous one's output) to params. */
  public Sequential(List<LayerSpec> specs, Parameters params, Gemm gemm, Parallel parallel) {
    if (specs.isEmpty()) {
      throw new IllegalArgumentException("a network needs at least one layer");
    }
    for (int i = 1; i < specs.size(); i++) {
      if (specs.get(i).input().size() != specs.get(i - 1).output().size()) {
        throw new IllegalArgumentException(specs.get(i).name() + " takes " + specs.get(i).input().size()
            + " values per image, " + specs.get(i - 1).name() + " gives " + specs.get(i - 1).output().size());
      }
    }
    this.specs = List.copyOf(specs);
    this.layers = specs.stream().map(s -> s.bind(params, gemm, parallel)).toArray(Layer[]::new);
    this.tensors = specs.stream().map(s -> s.tensors(params)).toList();
    this.params = params;
    this.in = specs.get(0).input().size();
    this.parallel = parallel;
  }

  /** PyTorch's default initialization, layer by layer. */
  public void init(Rng rng) {
    for (Layer layer : layers) {
      layer.init(rng);
    }
  }

  // x: (B, in) -> the last layer's output (B, out); keeps x (not a copy) and every activation for backward
  public float[] forward(float[] x, int batch) {
    ensureCapacity(batch);
    float[] current = x;
    for (int i = 0; i < layers.length; i++) {
      layers[i].forward(outputs[i], current, batch, scratch[i]);
      current = outputs[i];
    }
    this.input = x;
    this.batch = batch;
    return current;
  }

  /** Layer i's output of the last forward: (B, out_i). */
  public float[] output(int i) {
    return outputs[i];
  }

  /** The gradient of the last layer's output, (B, out), for the caller to add into before {@link #backward}. */
  public float[] outputGrad() {
    return outputGrads[layers.length - 1];
  }

  // dx: (B, in) += dL/dx unless null; parameter gradients += dL/dparams; from outputGrad() of the last forward
  public void backward(float[] dx) {
    backward(dx, true);
  }

  /**
   * As above, but the parameter gradients are written (=) rather than added to unless addParams, with the
   * same bits as adding into zeros. Either way the gradients between layers are written, each by the one
   * layer after it, so they need no zeroing.
   */
  public void backward(float[] dx, boolean addParams) {
    for (int i = layers.length - 1; i >= 0; i--) {
      float[] x = i == 0 ? input : outputs[i - 1];
      float[] dxi = i == 0 ? dx : outputGrads[i - 1];
      boolean addDx = i == 0;
      if (!layers[i].backward(dxi, outputGrads[i], x, outputs[i], batch, scratch[i], addParams, addDx)) {
        if (!addParams) {
          params.zeroGrads(tensors.get(i));
        }
        if (!addDx) {
          parallel.zero(dxi);
        }
        layers[i].backward(dxi, outputGrads[i], x, outputs[i], batch, scratch[i]);
      }
    }
  }

  /** Zeroes the activation gradients, before a backward pass (the parameters' are the caller's). */
  public void zeroGrad() {
    for (float[] g : outputGrads) {
      parallel.zero(g);
    }
  }

  public List<LayerSpec> specs() {
    return specs;
  }

  /** Values per image of the input. */
  public int inputSize() {
    return in;
  }

  private void ensureCapacity(int batch) {
    if (batch <= capacity) {
      return;
    }
    int n = layers.length;
    outputs = new float[n][];
    outputGrads = new float[n][];
    scratch = new float[n][];
    for (int i = 0; i < n; i++) {
      int out = specs.get(i).output().size();
      outputs[i] = new float[Math.multiplyExact(batch, out)];
      outputGrads[i] = new float[Math.multiplyExact(batch, out)];
      long s = layers[i].scratchSize(batch);
      scratch[i] = s == 0 ? null : new float[Math.toIntExact(s)];
    }
    capacity = batch;
  }
}
