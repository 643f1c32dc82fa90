package org.vae4j.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * All of a model's parameters in one contiguous block, with their gradients in a second block of the same
 * layout, and named views into both. The optimizer runs one flat loop over the blocks.
 */
public final class Parameters {
  private final List<Tensor> tensors;
  private final float[] values;
  private final float[] grads;

  private Parameters(List<Tensor> tensors, int size) {
    this.tensors = Collections.unmodifiableList(tensors);
    this.values = new float[size];
    this.grads = new float[size];
  }

  /** The values block; tensors index into it by their offset. */
  public float[] values() {
    return values;
  }

  /** The gradient block, with the same layout as {@link #values()}. */
  public float[] grads() {
    return grads;
  }

  public List<Tensor> tensors() {
    return tensors;
  }

  public int size() {
    return values.length;
  }

  public Tensor tensor(String name) {
    for (Tensor t : tensors) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("no parameter named " + name);
  }

  public void zeroGrad() {
    Arrays.fill(grads, 0f);
  }

  /** Collects named shapes, then lays them out back to back. */
  public static final class Builder {
    private final List<Tensor> tensors = new ArrayList<>();
    private int size;

    public Tensor add(String name, int... shape) {
      Tensor t = new Tensor(name, shape, size);
      tensors.add(t);
      size += t.size();
      return t;
    }

    public Parameters build() {
      return new Parameters(new ArrayList<>(tensors), size);
    }
  }
}
