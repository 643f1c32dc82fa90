package org.vae4j.nn;

import java.util.Map;

/**
 * A layer as declared: its kind, sizes and name, before any memory exists. Everything else about it is
 * derived from this: its parameters' names and shapes (as in a PyTorch state_dict), its FLOP count, the
 * description a model file stores for other runtimes, and the bound {@link Layer} that computes.
 */
public interface LayerSpec {
  /** The module path, e.g. "encoder.hidden"; its parameters are this + ".weight" and ".bias". */
  String name();

  /** The PyTorch module it matches, e.g. "Linear" or "Conv2d". */
  String kind();

  Shape input();

  Shape output();

  Activation activation();

  /** Adds the layer's parameters to a layout, in state_dict order. */
  void declare(Parameters.Builder params);

  /** Its tensors in params (which must hold them), in the order {@link #declare} adds them. */
  default java.util.List<Tensor> tensors(Parameters params) {
    Parameters.Builder own = new Parameters.Builder();
    declare(own);
    return own.tensors().stream().map(t -> params.tensor(t.name())).toList();
  }

  /** Parameters it holds. */
  long parameterCount();

  /** Floating-point operations of its forward pass per image, 2 per multiply-add of its products. */
  long flopsPerImage();

  /**
   * The matrix products a training step makes in this layer for a batch: forward, the parameters' gradient
   * and, when inputGradient, the input's.
   */
  java.util.List<GemmShape> products(int batch, boolean inputGradient);

  /** Its constructor arguments as JSON-ready values ("kind", sizes, "activation"), for other runtimes. */
  Map<String, Object> describe();

  /** The layer computing on params (which must hold the tensors {@link #declare} adds). */
  Layer bind(Parameters params, Gemm gemm, Parallel parallel);
}
