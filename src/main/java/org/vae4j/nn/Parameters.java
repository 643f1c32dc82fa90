package org.vae4j.nn;

import java.util.ArrayList;
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

  /** Zeroes the gradients of these tensors (of this block). */
  public void zeroGrads(List<Tensor> of) {
    for (Tensor t : of) {
      java.util.Arrays.fill(grads, t.offset(), t.offset() + t.size(), 0f);
    }
  }

  /** The L2 norm of the whole gradient block, accumulated in double. */
  public double gradNorm() {
    double sum = 0;
    for (float g : grads) {
      sum += (double) g * g;
    }
    return Math.sqrt(sum);
  }

  /**
   * Scales the gradients so that their global L2 norm is at most maxNorm, as
   * torch.nn.utils.clip_grad_norm_ does (factor maxNorm / (norm + 1e-6) when below 1). Returns the norm
   * before clipping; a NaN or infinite norm leaves the gradients as they are, for the caller to report.
   */
  public double clipGradNorm(double maxNorm) {
    double norm = gradNorm();
    double factor = maxNorm / (norm + 1e-6);
    if (factor < 1) {
      float f = (float) factor;
      for (int i = 0; i < grads.length; i++) {
        grads[i] *= f;
      }
    }
    return norm;
  }

  /** The index of the first NaN or infinite value, or -1 when all are finite. */
  public int firstNonFinite() {
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        return i;
      }
    }
    return -1;
  }

  /** The tensor holding element i of the block. */
  public Tensor tensorAt(int i) {
    for (Tensor t : tensors) {
      if (i >= t.offset() && i < t.offset() + t.size()) {
        return t;
      }
    }
    throw new IndexOutOfBoundsException(i);
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

    /** The tensors declared so far, without allocating their block. */
    public List<Tensor> tensors() {
      return Collections.unmodifiableList(new ArrayList<>(tensors));
    }

    public Parameters build() {
      return new Parameters(new ArrayList<>(tensors), size);
    }
  }
}
