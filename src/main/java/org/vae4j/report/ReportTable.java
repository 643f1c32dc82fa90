package org.vae4j.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.vae4j.Durations;
import org.vae4j.eval.EvaluationReport;
import org.vae4j.train.EpochMetrics;

/**
 * The results table: one row per number, one column per model. A row is shown only when some model has a
 * value for it, so rows for numbers that do not exist yet are simply absent, never filled with guesses.
 */
public final class ReportTable {
  /** A labelled row; value gives a model's cell, or null when the model has no such number. */
  public record Row(String label, Function<ModelReport, String> value) {}

  /** The rows, in order; evaluation rows are null for models that have not been evaluated. */
  public static final List<Row> ROWS = List.of(
      new Row("model", m -> m.config().model().kind() + " " + m.config().model().sizes()),
      new Row("objective", m -> m.config().objective().describe()),
      new Row("test -ELBO (nats per image)", m -> nats(m.metrics().last().testNelbo())),
      new Row("test reconstruction, BCE (nats)", m -> nats(m.metrics().last().testRecon())),
      new Row("test KL (nats)", m -> nats(m.metrics().last().testKl())),
      new Row("train -ELBO, last epoch (nats)", m -> nats(m.metrics().last().trainNelbo())),
      new Row("trained objective on the test images (nats)", evaluated(EvaluationReport::objective,
          o -> String.format(Locale.ROOT, "%.2f (%s)", o.value(), o.objective()))),
      new Row("test NLL, importance-weighted (nats)", evaluated(EvaluationReport::logLikelihood,
          l -> String.format(Locale.ROOT, "%.2f (K = %d)%s", l.nll(), l.samples(),
              Boolean.TRUE.equals(l.conditional()) ? ", -log p(x | y)" : ""))),
      new Row("NLL as K grows (K = 1 / 10 / ...)", evaluated(EvaluationReport::logLikelihood,
          l -> String.join(" / ", l.bySamples().stream().map(b -> nats(b.nll())).toList()))),
      new Row("active units (Cov_x E[z|x] > 0.01)", evaluated(EvaluationReport::activeUnits,
          a -> a.count() + " of " + a.latent())),
      new Row("kNN accuracy on latent means (k = 5)", evaluated(EvaluationReport::latentClassification,
          c -> percent(c.knnAccuracy()))),
      new Row("logistic regression accuracy on latent means", evaluated(EvaluationReport::latentClassification,
          c -> percent(c.logisticAccuracy()))),
      new Row("FID (vae4j classifier features), prior samples vs test", evaluated(EvaluationReport::sampleQuality,
          q -> String.format(Locale.ROOT, "%.2f", q.frechetDistance()))),
      new Row("classifier accuracy on test reconstructions", evaluated(EvaluationReport::sampleQuality,
          q -> percent(q.reconstructionAccuracy()))),
      new Row("samples showing the digit asked for (conditional)", evaluated(EvaluationReport::sampleQuality,
          q -> q.conditionalAccuracy() == null ? null : percent(q.conditionalAccuracy()))),
      new Row("... per digit 0, 1, ..., 9 (%)", evaluated(EvaluationReport::sampleQuality,
          q -> q.conditionalAccuracyByLabel() == null ? null : percents(q.conditionalAccuracyByLabel()))),
      new Row("prior samples per predicted class 0, 1, ..., 9 (%)", evaluated(EvaluationReport::sampleQuality,
          q -> histogram(q.classHistogram()))),
      new Row("class entropy of prior samples (uniform: 2.303)", evaluated(EvaluationReport::sampleQuality,
          q -> String.format(Locale.ROOT, "%.3f", q.classEntropy()))),
      new Row("mean top-class probability of prior samples", evaluated(EvaluationReport::sampleQuality,
          q -> String.format(Locale.ROOT, "%.3f", q.meanTopProbability()))),
      new Row("digit classifier judging samples", evaluated(EvaluationReport::sampleQuality,
          q -> q.classifier() + ", " + percent(q.classifierAccuracy()) + " test accuracy")),
      new Row("epochs", m -> Integer.toString(m.metrics().epochs().size())),
      new Row("training time", m -> minutes(m.metrics().trainingSeconds())),
      new Row("training speed (images/s, mean)", m -> speed(m.metrics().epochs())),
      new Row("evaluation time", evaluated(EvaluationReport::setup, s -> minutes(s.seconds()))),
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

  /** A row's cell from one part of a model's evaluation; null when the model or the part has none. */
  private static <T> Function<ModelReport, String> evaluated(Function<EvaluationReport, T> part,
                                                            Function<T, String> cell) {
    return m -> {
      T value = m.evaluation() == null ? null : part.apply(m.evaluation());
      return value == null ? null : cell.apply(value);
    };
  }

  /** Each count as a whole percentage of the total: "10 9 11 ...". */
  static String histogram(int[] counts) {
    long total = 0;
    for (int c : counts) {
      total += c;
    }
    StringBuilder cell = new StringBuilder();
    for (int c : counts) {
      cell.append(cell.length() == 0 ? "" : " ").append(Math.round(100.0 * c / total));
    }
    return cell.toString();
  }

  /** Each fraction as a whole percentage: "99 98 100 ...". */
  static String percents(double[] fractions) {
    StringBuilder cell = new StringBuilder();
    for (double f : fractions) {
      cell.append(cell.length() == 0 ? "" : " ").append(Double.isFinite(f) ? Math.round(100 * f) : "-");
    }
    return cell.toString();
  }

  static String percent(double fraction) {
    return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.2f%%", 100 * fraction) : null;
  }

  static String nats(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : null;
  }

  static String minutes(double seconds) {
    return Double.isFinite(seconds) ? Durations.format(seconds) : null;
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
