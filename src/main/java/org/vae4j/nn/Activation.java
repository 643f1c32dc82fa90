package org.vae4j.nn;

/** What a layer applies after its bias. Fused into the layer: one pass over the output instead of two. */
public enum Activation {
  NONE, RELU;

  /** The suffix of a layer's kind in summaries, e.g. " + ReLU". */
  public String suffix() {
    return this == RELU ? " + ReLU" : "";
  }
}
