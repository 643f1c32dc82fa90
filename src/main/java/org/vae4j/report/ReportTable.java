package org.vae4j.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.vae4j.train.EpochMetrics;

/**
 * The results table: one row per number, one column per model. A row is shown only when some model has a
 * value for it, so rows for numbers that do not exist yet are simply absent, never filled with guesses.
 */
public final class ReportTable {
  /** A labelled row; value gives a model's cell, or null when the model has no such number. */
  public record Row(String label, Function<ModelReport, String> value) {}

  /**
   * The rows, in order. Evaluation metrics (e.g. an importance-sampled log-likelihood) are to be added
   * here, each as a row that is null for models that have not been evaluated.
   */
  public static final List<Row> ROWS = List.of(
      new Row("test -ELBO (nats per image)", m -> nats(m.metrics().last().testNelbo())),
      new Row("test reconstruction, BCE (nats)", m -> nats(m.metrics().last().testRecon())),
      new Row("test KL (nats)", m -> nats(m.metrics().last().testKl())),
      new Row("train -ELBO, last epoch (nats)", m -> nats(m.metrics().last().trainNelbo())),
      new Row("epochs", m -> Integer.toString(m.metrics().epochs().size())),
      new Row("training time", m -> minutes(m.metrics().trainingSeconds())),
      new Row("training speed (images/s, mean)", m -> speed(m.metrics().epochs())),
      new Row("parameters", m -> String.format(Locale.ROOT, "%,d", m.params())));

  private ReportTable() {}

  /** The rows that have a value for at least one model, with one cell per model ("" where missing). */
  public static List<List<String>> cells(List<ModelReport> models) {
    List<List<String>> table = new ArrayList<>();
    for (Row row : ROWS) {
      List<String> cells = new ArrayList<>();
      cells.add(row.label());
      boolean any = false;
      for (ModelReport m : models) {
        String v = row.value().apply(m);
        any |= v != null;
        cells.add(v == null ? "" : v);
      }
      if (any) {
        table.add(cells);
      }
    }
    return table;
  }

  static String nats(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : null;
  }

  static String minutes(double seconds) {
    if (!Double.isFinite(seconds)) {
      return null;
    }
    return seconds < 120 ? String.format(Locale.ROOT, "%.1f s", seconds)
        : String.format(Locale.ROOT, "%.1f min", seconds / 60);
  }

  private static String speed(List<EpochMetrics> epochs) {
    double images = 0;
    double seconds = 0;
    for (EpochMetrics e : epochs) {
      if (Double.isFinite(e.imagesPerSecond()) && Double.isFinite(e.seconds())) {
        images += e.imagesPerSecond() * e.seconds();
        seconds += e.seconds();
      }
    }
    return seconds > 0 ? String.format(Locale.ROOT, "%,.0f", images / seconds) : null;
  }
}
