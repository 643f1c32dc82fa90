package org.vae4j.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vae4j.AtomicFile;
import org.vae4j.UserError;
import org.vae4j.data.Binarization;
import org.vae4j.eval.Evaluation;
import org.vae4j.viz.Figure;

/**
 * report.html and report.md of an experiment, with the same content: configuration and machine, the
 * results table (one column per model), and every figure of every model side by side with its
 * caption. The HTML embeds its images as data URIs, so it opens from disk with nothing else (each image
 * also links to its file beside the report, for the full size); the Markdown links the files.
 */
public final class Report {
  private final Experiment.Setup setup;
  private final MachineInfo machine;
  private final List<ModelReport> models;
  private final double seconds;
  private final String generated;

  public Report(Experiment.Setup setup, MachineInfo machine, List<ModelReport> models, double seconds) {
    this.setup = setup;
    this.machine = machine;
    this.models = List.copyOf(models);
    this.seconds = seconds;
    this.generated = ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT));
  }

  /** The configuration as labelled values. */
  Map<String, String> configuration() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("dataset", setup.dataset() + String.format(Locale.ROOT, " (%,d training / %,d test images)",
        setup.trainImages(), setup.testImages()));
    m.put("models", joined(setup.models().stream().map(ExperimentModel::label).toList()));
    m.put("kinds", joined(setup.models().stream()
        .map(x -> x.model().kind() + ": " + x.model().modelKind().description()).distinct().toList()));
    m.put("objectives", joined(setup.models().stream().map(x -> x.objective().describe()).distinct().toList()));
    m.put("training", String.format(Locale.ROOT, "%d epochs, batch %d, Adam lr %s (betas 0.9, 0.999), seed %d",
        setup.options().epochs(), setup.options().batch(), setup.options().learningRate(), setup.options().seed()));
    m.put("figures", "seed " + setup.figureSeed() + "; decoded images are Bernoulli means");
    Evaluation.Settings e = setup.evaluation();
    m.put("evaluation", String.format(Locale.ROOT, "on the test images%s: -ELBO with K = %d, "
            + "importance-weighted NLL with K = %d, kNN and logistic regression fitted on training means, "
            + "%s; seed %d", setup.options().binarization() == Binarization.NONE ? "" : " (fixed binary draw)",
        e.nelboSamples(), e.importanceSamples(), e.classifierCache() == null ? "no sample quality"
            : String.format(Locale.ROOT, "%,d prior samples judged by vae4j's digit classifier", e.priorSamples()),
        e.seed()));
    m.put("command", setup.command());
    m.put("total time", ReportTable.minutes(seconds) + reusedNote());
    return m;
  }

  private String reusedNote() {
    List<String> reused = models.stream().filter(ModelReport::reused).map(ModelReport::label).toList();
    return reused.isEmpty() ? "" : " (" + String.join("; ", reused) + " reused from an earlier run of the same "
        + "settings; their training time is in the table)";
  }

  private static String joined(List<String> values) {
    return String.join("; ", values);
  }

  /** Figure files in report order: those of the first model that has them, then any others. */
  private List<Figure> figureKinds() {
    Map<String, Figure> kinds = new LinkedHashMap<>();
    for (ModelReport m : models) {
      for (Figure f : m.figures()) {
        kinds.putIfAbsent(f.file(), f);
      }
    }
    return new ArrayList<>(kinds.values());
  }

  private static Figure find(ModelReport m, String file) {
    return m.figures().stream().filter(f -> f.file().equals(file)).findFirst().orElse(null);
  }

  private String title() {
    return "vae4j experiment: " + joined(setup.models().stream().map(ExperimentModel::label).toList()) + " on "
        + setup.dataset();
  }

  // ---- HTML ----

  public void writeHtml(Path file) {
    AtomicFile.writeString(file, html());
  }

  String html() {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(esc(title())).append("</title>\n<style>\n").append(CSS).append(LiveExplorer.CSS)
        .append("</style>\n")
        .append("</head>\n<body>\n<main>\n");
    h.append("<h1>").append(esc(title())).append("</h1>\n");
    h.append("<p class=\"lead\">Generated ").append(esc(generated)).append(" by <code>").append(esc(setup.command()))
        .append("</code> in ").append(esc(ReportTable.minutes(seconds))).append(". Every model folder holds ")
        .append("<code>model.safetensors</code>, <code>metrics.json</code> and <code>figures/</code>; ")
        .append("click an image for its full-size file.</p>\n");

    h.append("<h2 id=\"setup\">Configuration and machine</h2>\n<div class=\"pair\">\n");
    keyValues(h, "Configuration", configuration());
    keyValues(h, "Machine", machine.entries());
    h.append("</div>\n");

    h.append("<h2 id=\"results\">Results</h2>\n<table class=\"results\">\n<thead><tr><th></th>");
    for (ModelReport m : models) {
      h.append("<th>").append(esc(m.label())).append("</th>");
    }
    h.append("</tr></thead>\n<tbody>\n");
    for (List<String> row : ReportTable.cells(models)) {
      h.append("<tr><th>").append(esc(row.get(0))).append("</th>");
      for (String cell : row.subList(1, row.size())) {
        h.append("<td>").append(esc(cell)).append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</tbody>\n</table>\n<p class=\"note\">Nats per image, from the last epoch of each model's "
        + "<code>metrics.json</code>; the test -ELBO samples one z per test image. Training time is the sum of "
        + "the epochs' training parts (test evaluation excluded).</p>\n");

    h.append("<h2 id=\"figures\">Figures</h2>\n");
    for (Figure kind : figureKinds()) {
      h.append("<section class=\"figure\">\n<h3>").append(esc(kind.title())).append("</h3>\n")
          .append("<div class=\"row\" style=\"grid-template-columns: repeat(").append(models.size())
          .append(", minmax(0, 1fr))\">\n");
      for (ModelReport m : models) {
        Figure f = find(m, kind.file());
        h.append("<figure>");
        if (f == null) {
          h.append("<div class=\"missing\">not made for ").append(esc(m.label())).append("</div>");
        } else {
          boolean gif = f.file().endsWith(".gif");
          h.append("<a href=\"").append(esc(m.figurePath(f))).append("\"><img")
              .append(gif ? " class=\"anim\"" : "")
              .append(" src=\"").append(dataUri(m.figureFile(f))).append("\" alt=\"").append(esc(f.title()))
              .append(", ").append(esc(m.label())).append("\"></a>");
          h.append("<figcaption><b>").append(esc(m.label())).append(".</b> ").append(esc(f.caption()))
              .append("</figcaption>");
          if (f.name().equals(org.vae4j.viz.Figures.ARCHITECTURE)) {
            h.append("<details><summary>summary table</summary><pre>").append(esc(m.architecture()))
                .append("</pre></details>");
          }
        }
        h.append("</figure>\n");
      }
      h.append("</div>\n</section>\n");
    }
    List<ObjectNode> live = models.stream().map(ModelReport::live).filter(java.util.Objects::nonNull).toList();
    if (!live.isEmpty()) {
      h.append("<h2 id=\"live\">Live latent explorer</h2>\n").append(LiveExplorer.section(live));
    }
    h.append("</main>\n</body>\n</html>\n");
    return h.toString();
  }

  private static void keyValues(StringBuilder h, String caption, Map<String, String> entries) {
    h.append("<table class=\"kv\">\n<caption>").append(esc(caption)).append("</caption>\n");
    entries.forEach((k, v) -> h.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v))
        .append("</td></tr>\n"));
    h.append("</table>\n");
  }

  static String dataUri(Path file) {
    try {
      String type = file.toString().endsWith(".gif") ? "image/gif" : "image/png";
      return "data:" + type + ";base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UserError(file + ": cannot read the figure: " + AtomicFile.reason(e));
    }
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static final String CSS = """
      body { margin: 0; background: #fafafa; color: #222;
             font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
      main { max-width: 1280px; margin: 0 auto; padding: 20px 28px 60px; background: #fff; }
      h1 { font-size: 26px; margin: 8px 0 4px; }
      h2 { font-size: 21px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 1px solid #ddd; }
      h3 { font-size: 17px; margin: 26px 0 8px; }
      .lead, .note { color: #555; }
      .note { font-size: 13px; }
      code { font-size: 13px; background: #f2f2f2; padding: 1px 4px; border-radius: 3px; }
      table { border-collapse: collapse; }
      th, td { padding: 5px 12px; border-bottom: 1px solid #e4e4e4; text-align: left; vertical-align: top; }
      caption { text-align: left; font-weight: 600; padding: 4px 0; }
      .pair { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 28px; }
      .kv th { color: #555; font-weight: 500; white-space: nowrap; }
      .kv td { word-break: break-word; }
      .results td { text-align: right; font-variant-numeric: tabular-nums; min-width: 90px; }
      .results thead th { text-align: right; }
      .row { display: grid; gap: 18px; align-items: start; }
      figure { margin: 0; }
      figure img { display: block; width: 100%; height: auto; border: 1px solid #e0e0e0; }
      figure img.anim { width: 224px; max-width: 100%; image-rendering: pixelated; }
      figcaption { font-size: 13px; color: #444; margin-top: 6px; }
      details { margin-top: 6px; font-size: 12px; }
      pre { font-size: 11px; overflow-x: auto; background: #f6f6f6; padding: 8px; }
      .missing { color: #999; padding: 20px; border: 1px dashed #ccc; }
      @media (max-width: 800px) { .pair { grid-template-columns: 1fr; } }
      """;

  // ---- Markdown ----

  public void writeMarkdown(Path file) {
    AtomicFile.writeString(file, markdown());
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# ").append(title()).append("\n\n");
    md.append("Generated ").append(generated).append(" by `").append(setup.command()).append("` in ")
        .append(ReportTable.minutes(seconds)).append(". Every model folder holds `model.safetensors`, ")
        .append("`metrics.json` and `figures/`.\n\n");
    md.append("## Configuration and machine\n\n| | |\n|---|---|\n");
    configuration().forEach((k, v) -> md.append("| ").append(k).append(" | ").append(cell(v)).append(" |\n"));
    machine.entries().forEach((k, v) -> md.append("| ").append(k).append(" | ").append(cell(v)).append(" |\n"));
    md.append("\n## Results\n\n|");
    for (ModelReport m : models) {
      md.append(" | ").append(cell(m.label()));
    }
    md.append(" |\n|---");
    models.forEach(m -> md.append("|---:"));
    md.append("|\n");
    for (List<String> row : ReportTable.cells(models)) {
      md.append("| ").append(String.join(" | ", row.stream().map(Report::cell).toList())).append(" |\n");
    }
    md.append("\nNats per image, from the last epoch of each model's `metrics.json`; the test -ELBO samples one z "
        + "per test image. Training time is the sum of the epochs' training parts (test evaluation excluded).\n");
    md.append("\n## Figures\n");
    for (Figure kind : figureKinds()) {
      md.append("\n### ").append(kind.title()).append("\n\n|");
      for (ModelReport m : models) {
        md.append(" ").append(cell(m.label())).append(" |");
      }
      md.append("\n|");
      models.forEach(m -> md.append("---|"));
      md.append("\n|");
      for (ModelReport m : models) {
        Figure f = find(m, kind.file());
        md.append(" ").append(f == null ? "(not made)"
            : "![" + f.title() + ", " + cell(m.label()) + "](" + m.figurePath(f) + ")").append(" |");
      }
      md.append("\n|");
      for (ModelReport m : models) {
        Figure f = find(m, kind.file());
        md.append(" ").append(f == null ? "" : cell(f.caption())).append(" |");
      }
      md.append("\n");
    }
    md.append("\n### Architecture summaries\n");
    for (ModelReport m : models) {
      md.append("\n```\n").append(m.architecture()).append("```\n");
    }
    return md.toString();
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }
}
