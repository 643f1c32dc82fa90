package org.vae4j.nn;

import java.util.Arrays;

/** A named, shaped view into a flat float block: elements [offset, offset + size()) in row-major order. */
public record Tensor(String name, int[] shape, int offset) {
  public Tensor {
    shape = shape.clone();
  }

  public int size() {
    long n = 1;
    for (int dim : shape) {
      n *= dim;
    }
    return Math.toIntExact(n);
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  @Override
  public String toString() {
    return name + Arrays.toString(shape);
  }
}
