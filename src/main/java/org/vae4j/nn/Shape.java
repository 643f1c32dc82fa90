package org.vae4j.nn;

/**
 * The shape of one image's activations, channels x height x width in PyTorch's order (a flat vector of n
 * values is n x 1 x 1). A batch of them is (B, size()) row-major: image after image.
 */
public record Shape(int channels, int height, int width) {
  public Shape {
    if (channels < 1 || height < 1 || width < 1) {
      throw new IllegalArgumentException("a shape needs positive sizes, got " + channels + "x" + height + "x" + width);
    }
    if ((long) channels * height * width > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("shape " + channels + "x" + height + "x" + width + " holds more than 2^31 values");
    }
  }

  /** A flat vector of n values. */
  public static Shape flat(int n) {
    return new Shape(n, 1, 1);
  }

  public int size() {
    return channels * height * width;
  }

  public boolean isFlat() {
    return height == 1 && width == 1;
  }

  /** As Keras prints an output shape, in PyTorch's order: "(None, 512)" or "(None, 32, 14, 14)". */
  public String describe() {
    return isFlat() ? "(None, " + channels + ")" : "(None, " + channels + ", " + height + ", " + width + ")";
  }
}
