package org.vae4j.nn;

/**
 * A layer bound to its parameters: maps each image's input (in values) to its output (out values), a batch
 * at a time, (B, in) -> (B, out) row-major. The activations belong to the caller: forward keeps nothing,
 * and backward is handed the same x and y again, so that one layer serves any number of workspaces.
 */
public interface Layer {
  /** PyTorch's default initialization of the layer's parameters. */
  void init(Rng rng);

  /** Floats of scratch that forward and backward need for a batch of this size (0 for none). */
  default long scratchSize(int batch) {
    return 0;
  }

  // y: (B, out) = activation(layer(x: (B, in))); scratch: (scratchSize(B)) or null when that is 0
  void forward(float[] y, float[] x, int batch, float[] scratch);

  /**
   * dy: (B, out), x and y as forward saw and left them. Adds dL/dparams into the parameter gradients and,
   * unless dx is null, dL/dx into dx: (B, in). May overwrite dy (with the gradient before the activation).
   */
  void backward(float[] dx, float[] dy, float[] x, float[] y, int batch, float[] scratch);

  /**
   * As {@link #backward}, choosing for the parameter gradients and for dx whether to add into them (true) or
   * to write them (false), with the same bits as adding into zeros: the first backward of a step then needs
   * no zeroing. A layer that can only add returns false, having done nothing, and the caller zeroes what is
   * to be written and calls {@link #backward}.
   */
  default boolean backward(float[] dx, float[] dy, float[] x, float[] y, int batch, float[] scratch, boolean addParams,
                           boolean addDx) {
    return false;
  }
}
