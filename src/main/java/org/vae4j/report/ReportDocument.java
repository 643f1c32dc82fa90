package org.vae4j.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A report as a list of blocks (headings, paragraphs, tables, figures) rendered to self-contained HTML (figures
 * embedded as data URIs, each linking to its file) and to Markdown (figures linked), with the same content.
 */
final class ReportDocument {
  private sealed interface Block permits Heading, Paragraph, Table, Image {}

  private record Heading(String text) implements Block {}

  private record Paragraph(String text) implements Block {}

  /** The first column is a row heading; numeric columns are right-aligned. */
  private record Table(List<String> header, List<List<String>> rows) implements Block {}

  private record Image(String path, String caption) implements Block {}

  private final String title;
  private final List<Block> blocks = new ArrayList<>();

  ReportDocument(String title) {
    this.title = title;
  }

  ReportDocument heading(String text) {
    blocks.add(new Heading(text));
    return this;
  }

  ReportDocument paragraph(String text) {
    blocks.add(new Paragraph(text));
    return this;
  }

  ReportDocument table(List<String> header, List<List<String>> rows) {
    blocks.add(new Table(List.copyOf(header), rows.stream().map(List::copyOf).toList()));
    return this;
  }

  /** A figure by its path relative to the report's folder. */
  ReportDocument image(String path, String caption) {
    blocks.add(new Image(path, caption));
    return this;
  }

  /** HTML whose images are read from folder (the report's) and embedded. */
  String html(Path folder) {
    StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>").append(Report.esc(title)).append("</title>\n<style>\n").append(CSS)
        .append("</style>\n</head>\n<body>\n<main>\n<h1>").append(Report.esc(title)).append("</h1>\n");
    for (Block b : blocks) {
      if (b instanceof Heading x) {
        h.append("<h2>").append(Report.esc(x.text())).append("</h2>\n");
      } else if (b instanceof Paragraph x) {
        h.append("<p>").append(Report.esc(x.text())).append("</p>\n");
      } else if (b instanceof Table x) {
        h.append("<table>\n<thead><tr>");
        x.header().forEach(c -> h.append("<th>").append(Report.esc(c)).append("</th>"));
        h.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : x.rows()) {
          h.append("<tr><th>").append(Report.esc(row.get(0))).append("</th>");
          row.subList(1, row.size()).forEach(c -> h.append("<td>").append(Report.esc(c)).append("</td>"));
          h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n");
      } else if (b instanceof Image x) {
        h.append("<figure><a href=\"").append(Report.esc(x.path())).append("\"><img src=\"")
            .append(Report.dataUri(folder.resolve(x.path()))).append("\" alt=\"").append(Report.esc(x.caption()))
            .append("\"></a><figcaption>").append(Report.esc(x.caption())).append("</figcaption></figure>\n");
      }
    }
    return h.append("</main>\n</body>\n</html>\n").toString();
  }

  String markdown() {
    StringBuilder md = new StringBuilder("# ").append(title).append("\n");
    for (Block b : blocks) {
      if (b instanceof Heading x) {
        md.append("\n## ").append(x.text()).append("\n");
      } else if (b instanceof Paragraph x) {
        md.append('\n').append(x.text()).append('\n');
      } else if (b instanceof Table x) {
        md.append("\n| ").append(String.join(" | ", x.header().stream().map(ReportDocument::cell).toList()))
            .append(" |\n|---").append("|---:".repeat(x.header().size() - 1)).append("|\n");
        for (List<String> row : x.rows()) {
          md.append("| ").append(String.join(" | ", row.stream().map(ReportDocument::cell).toList())).append(" |\n");
        }
      } else if (b instanceof Image x) {
        md.append("\n![").append(cell(x.caption())).append("](").append(x.path()).append(")\n\n")
            .append(x.caption()).append('\n');
      }
    }
    return md.toString();
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }

  private static final String CSS = """
      body { margin: 0; background: #fafafa; color: #222;
             font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
      main { max-width: 1100px; margin: 0 auto; padding: 20px 28px 60px; background: #fff; }
      h1 { font-size: 26px; margin: 8px 0 4px; }
      h2 { font-size: 21px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 1px solid #ddd; }
      table { border-collapse: collapse; margin: 8px 0; }
      th, td { padding: 4px 12px; border-bottom: 1px solid #e4e4e4; text-align: left; vertical-align: top; }
      td { text-align: right; font-variant-numeric: tabular-nums; }
      thead th { text-align: right; } thead th:first-child { text-align: left; }
      figure { margin: 16px 0; display: inline-block; vertical-align: top; max-width: 48%; }
      figure img { display: block; width: 100%; height: auto; border: 1px solid #e0e0e0; }
      figcaption { font-size: 13px; color: #444; margin-top: 6px; }
      """;
}
