package org.vae4j.export;

import java.util.Locale;

/** How far ONNX Runtime's tensor is from vae4j's: the largest difference, relative to the tensor's scale. */
public record Agreement(String tensor, double largestDifference, double scale, int at) {
  // actual, expected: the same length
  public static Agreement of(String tensor, float[] actual, float[] expected) {
    if (actual.length != expected.length) {
      throw new AssertionError(tensor + ": " + actual.length + " values from ONNX Runtime, " + expected.length
          + " from vae4j");
    }
    double largest = 0;
    double scale = 0;
    int at = -1;
    for (int i = 0; i < actual.length; i++) {
      double difference = Math.abs((double) actual[i] - expected[i]);
      if (!(difference <= largest)) { // NaN counts as the largest
        largest = difference;
        at = i;
      }
      scale = Math.max(scale, Math.abs(expected[i]));
    }
    return new Agreement(tensor, largest, scale, at);
  }

  /** The largest difference over the largest magnitude of vae4j's values (1 when those are all below 1). */
  public double relative() {
    return largestDifference / Math.max(1, scale);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s: largest difference %.3g (at %d) on a scale of %.3g, relative %.3g",
        tensor, largestDifference, at, scale, relative());
  }
}
