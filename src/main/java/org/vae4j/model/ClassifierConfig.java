package org.vae4j.model;

/** The shape of the digit classifier: input pixels P -> hidden1 (ReLU) -> hidden2 (ReLU) -> C class logits. */
public record ClassifierConfig(int input, int hidden1, int hidden2, int classes) {
  public ClassifierConfig {
    if (input < 1 || hidden1 < 1 || hidden2 < 1 || classes < 2) {
      throw new IllegalArgumentException("a classifier needs positive sizes and at least 2 classes, got "
          + input + "-" + hidden1 + "-" + hidden2 + "-" + classes);
    }
  }

  /** "784-512-512-10", for logs and cache keys. */
  public String describe() {
    return input + "-" + hidden1 + "-" + hidden2 + "-" + classes;
  }
}
