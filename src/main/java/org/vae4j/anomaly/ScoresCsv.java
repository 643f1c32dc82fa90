package org.vae4j.anomaly;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.vae4j.AtomicFile;
import org.vae4j.data.ImageSource;

/**
 * The scores as a CSV file, one row per image: "image" (its file name, or its index in the set), "label"
 * (empty when unknown), each score's column (nats, higher is more anomalous) and, when a threshold was
 * applied, "anomaly" (1 flagged, 0 not). Written atomically.
 */
public final class ScoresCsv {
  private ScoresCsv() {}

  /** flags may be null. */
  public static void write(Path file, ImageSource source, AnomalyScores scores, Flags flags) {
    AtomicFile.writeString(file, text(source, scores, flags));
  }

  static String text(ImageSource source, AnomalyScores scores, Flags flags) {
    List<Score> columns = scores.scores();
    StringBuilder csv = new StringBuilder("image,label");
    columns.forEach(s -> csv.append(',').append(s.column()));
    csv.append(flags == null ? "" : ",anomaly").append('\n');
    for (int i = 0; i < scores.count(); i++) {
      csv.append(quoted(source.name(i))).append(',');
      if (source.labelled()) {
        csv.append(source.images().label(i));
      }
      for (Score s : columns) {
        csv.append(',').append(String.format(Locale.ROOT, "%.4f", scores.get(s)[i]));
      }
      if (flags != null) {
        csv.append(',').append(flags.flagged()[i] ? 1 : 0);
      }
      csv.append('\n');
    }
    return csv.toString();
  }

  /** A name as one CSV field: quoted when it holds a comma, quote or line break. */
  static String quoted(String name) {
    return name.matches("[^,\"\r\n]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
  }
}
