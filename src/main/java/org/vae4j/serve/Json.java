package org.vae4j.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;

/** Numbers into JSON replies, rounded so that replies stay small (pixels and coordinates need no more). */
final class Json {
  private Json() {}

  /** x to 4 decimals. */
  static double round(double x) {
    return Math.round(x * 1e4) / 1e4;
  }

  static void putNumbers(ArrayNode array, double[] values) {
    for (double v : values) {
      array.add(round(v));
    }
  }

  static void putNumbers(ArrayNode array, float[] values, int from, int to) {
    for (int i = from; i < to; i++) {
      array.add(round(values[i]));
    }
  }

  /** Pixels (n, P) as n lists of P numbers in [0, 1] with 3 decimals. */
  static void putImages(ArrayNode array, float[] images, int n, int p) {
    for (int i = 0; i < n; i++) {
      ArrayNode image = array.addArray();
      for (int j = i * p; j < (i + 1) * p; j++) {
        image.add(Math.round(images[j] * 1e3) / 1e3);
      }
    }
  }
}
