package org.vae4j;

import java.util.Locale;

/** Durations as people read them: "12.4 s" below a minute, "3.7 min" above. */
public final class Durations {
  private Durations() {}

  public static String format(double seconds) {
    return seconds < 60
        ? String.format(Locale.ROOT, "%.1f s", seconds)
        : String.format(Locale.ROOT, "%.1f min", seconds / 60);
  }
}
