package org.vae4j.anomaly;

import java.util.Arrays;
import org.vae4j.InvalidSetting;

/** Which images a threshold on a score flags as anomalies: those scoring the threshold or more. */
public record Flags(Score score, double threshold, boolean[] flagged) {
  /** Flags the images whose score is threshold or more. */
  public static Flags atThreshold(Score score, double[] values, double threshold) {
    if (Double.isNaN(threshold)) {
      throw new InvalidSetting("threshold", "must be a number");
    }
    boolean[] flagged = new boolean[values.length];
    for (int i = 0; i < values.length; i++) {
      flagged[i] = values[i] >= threshold;
    }
    return new Flags(score, threshold, flagged);
  }

  /**
   * Flags the fraction of the images that score highest: the threshold is the round(fraction N)-th highest
   * score (images tied with it are flagged too, so a few more may be). The fraction is of the set scored
   * itself, as a contamination rate is.
   */
  public static Flags contamination(Score score, double[] values, double fraction) {
    if (!(fraction > 0 && fraction < 1)) {
      throw new InvalidSetting("contamination", "must be a fraction between 0 and 1 (exclusive), got " + fraction);
    }
    int flaggedCount = Math.max(1, (int) Math.round(fraction * values.length));
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return atThreshold(score, values, sorted[values.length - flaggedCount]);
  }

  public int count() {
    int n = 0;
    for (boolean f : flagged) {
      n += f ? 1 : 0;
    }
    return n;
  }
}
