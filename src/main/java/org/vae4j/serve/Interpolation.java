package org.vae4j.serve;

/** Paths between two codes: straight, or along the great circle (slerp), which keeps the codes' norm. */
enum Interpolation {
  LINEAR, SPHERICAL;

  static Interpolation parse(String name) {
    return switch (name) {
      case "linear" -> LINEAR;
      case "spherical" -> SPHERICAL;
      default -> throw ApiError.badRequest("'path' must be \"linear\" or \"spherical\", got \"" + Text.abbreviate(name)
          + "\"");
    };
  }

  // a, b: (d) -> (steps, d), the first row a, the last b
  float[] path(float[] a, float[] b, int steps) {
    int d = a.length;
    float[] out = new float[steps * d];
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int j = 0; j < d; j++) {
      dot += (double) a[j] * b[j];
      na += (double) a[j] * a[j];
      nb += (double) b[j] * b[j];
    }
    double omega = na > 0 && nb > 0 ? Math.acos(Math.max(-1, Math.min(1, dot / Math.sqrt(na * nb)))) : 0;
    // nearly parallel or opposite codes have no one great circle: the straight line is the limit
    boolean straight = this == LINEAR || Math.sin(omega) < 1e-6;
    for (int s = 0; s < steps; s++) {
      double t = (double) s / (steps - 1);
      double wa = straight ? 1 - t : Math.sin((1 - t) * omega) / Math.sin(omega);
      double wb = straight ? t : Math.sin(t * omega) / Math.sin(omega);
      for (int j = 0; j < d; j++) {
        out[s * d + j] = (float) (wa * a[j] + wb * b[j]);
      }
    }
    return out;
  }
}
