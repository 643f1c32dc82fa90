package org.vae4j.nn;

/** Access to the convolution layers' package-private pieces for the benchmarks in org.vae4j.bench. */
public final class ConvKernels {
  private ConvKernels() {}

  // y: (B, out) by the layer's plain loops, the direct convolution the fast path is checked against
  public static void forwardReference(Layer layer, float[] y, float[] x, int batch) {
    if (layer instanceof Conv2d c) {
      c.forwardReference(y, x, batch);
    } else {
      ((ConvTranspose2d) layer).forwardReference(y, x, batch);
    }
  }

  /** The patch matrix's im2col of one image of the layer's image side, into col (K, P), then back by col2im. */
  public static Runnable im2colAndCol2im(LayerSpec spec, float[] image, float[] col) {
    ConvGeometry g = spec instanceof Conv2dSpec c ? c.geometry() : ((ConvTranspose2dSpec) spec).geometry();
    return () -> {
      g.im2col(col, 0, g.positions(), image, 0);
      g.col2im(image, 0, col, 0, g.positions());
    };
  }

  /** Floats of the layer's patch matrix per image (C k k P) and of its image side (C H W). */
  public static int[] sizes(LayerSpec spec) {
    ConvGeometry g = spec instanceof Conv2dSpec c ? c.geometry() : ((ConvTranspose2dSpec) spec).geometry();
    return new int[] {g.patchSize() * g.positions(), g.imageSize()};
  }
}
