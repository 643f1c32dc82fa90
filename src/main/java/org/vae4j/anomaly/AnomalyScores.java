package org.vae4j.anomaly;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Each image's scores, for the scores computed, and the seconds the scoring took. */
public final class AnomalyScores {
  private final Map<Score, double[]> values;
  private final int count;
  private final double seconds;

  /** values: each score's (N) array, all of the same length. */
  public AnomalyScores(Map<Score, double[]> values, double seconds) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no scores");
    }
    this.values = new EnumMap<>(values);
    this.count = values.values().iterator().next().length;
    for (Map.Entry<Score, double[]> e : values.entrySet()) {
      if (e.getValue().length != count) {
        throw new IllegalArgumentException(e.getKey().column() + " has " + e.getValue().length + " values, not "
            + count);
      }
    }
    this.seconds = seconds;
  }

  /** N, the images scored. */
  public int count() {
    return count;
  }

  /** The scores computed, in {@link Score} order. */
  public List<Score> scores() {
    return new ArrayList<>(values.keySet());
  }

  public boolean has(Score score) {
    return values.containsKey(score);
  }

  /** The (N) values of a score computed; do not change them. */
  public double[] get(Score score) {
    double[] v = values.get(score);
    if (v == null) {
      throw new IllegalArgumentException(score.column() + " was not computed");
    }
    return v;
  }

  /** The values of a score for the images where select is true. */
  public double[] where(Score score, boolean[] select) {
    double[] all = get(score);
    int n = 0;
    for (boolean b : select) {
      n += b ? 1 : 0;
    }
    double[] out = new double[n];
    for (int i = 0, j = 0; i < count; i++) {
      if (select[i]) {
        out[j++] = all[i];
      }
    }
    return out;
  }

  public double seconds() {
    return seconds;
  }

  public double imagesPerSecond() {
    return count / seconds;
  }
}
