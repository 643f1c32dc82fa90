package org.vae4j.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code vae4j bench --sweep} as a chart: one panel per hidden size, training images/s against the batch
 * (evenly spaced, as the batches double), a solid line per engine for whole steps and a dashed one in the
 * same colour for the bound that the step's matrix products alone set.
 */
public final class SweepChart {
  /** One measured point: an engine at a hidden size and batch, a whole step's images/s and its GEMM bound's. */
  public record Point(String engine, int hidden, int batch, double imagesPerSecond, double boundImagesPerSecond) {}

  static final int PANEL_WIDTH = 380;
  static final int PANEL_HEIGHT = 290;
  static final int COLUMNS = 3;
  static final int TOP = 64;
  private static final Color GRID = new Color(0xe6e6e6); // as Plot's

  private SweepChart() {}

  /** points: any order; every (engine, hidden, batch) at most once. */
  public static BufferedImage draw(List<Point> points, String title) {
    if (points.isEmpty()) {
      throw new IllegalArgumentException("no points to plot");
    }
    List<String> engines = distinct(points, Point::engine);
    List<Integer> hiddens = distinct(points, Point::hidden);
    List<Integer> batches = distinct(points, Point::batch);
    hiddens.sort(null);
    batches.sort(null);
    int rows = (hiddens.size() + COLUMNS - 1) / COLUMNS;
    int columns = Math.min(COLUMNS, hiddens.size());
    BufferedImage image = Plot.canvas(Math.max(520, columns * PANEL_WIDTH), TOP + rows * PANEL_HEIGHT);
    Graphics2D g = Plot.smooth(image);
    Plot.title(g, title, image.getWidth() / 2, 24);
    legend(g, engines, image.getWidth());
    for (int h = 0; h < hiddens.size(); h++) {
      panel(g, h % COLUMNS * PANEL_WIDTH, TOP + h / COLUMNS * PANEL_HEIGHT, hiddens.get(h), batches, engines,
          points);
    }
    g.dispose();
    return image;
  }

  private static void panel(Graphics2D g, int x0, int y0, int hidden, List<Integer> batches, List<String> engines,
                            List<Point> points) {
    double max = 0;
    for (Point p : points) {
      if (p.hidden() == hidden) {
        max = Math.max(max, Math.max(p.imagesPerSecond(), p.boundImagesPerSecond()));
      }
    }
    Plot plot = new Plot(x0 + 78, y0 + 34, PANEL_WIDTH - 78 - 18, PANEL_HEIGHT - 34 - 66, -0.4,
        batches.size() - 0.6, 0, max > 0 ? max * 1.05 : 1, false);
    axes(g, plot, batches);
    Plot.title(g, "hidden " + hidden, plot.left + plot.width / 2, y0 + 24);
    for (int e = 0; e < engines.size(); e++) {
      Color color = Plot.PALETTE[e % Plot.PALETTE.length];
      line(g, plot, batches, points, engines.get(e), hidden, false, color);
      line(g, plot, batches, points, engines.get(e), hidden, true, color);
    }
  }

  /** The y axis as Plot draws it, with the batches as the x axis's labels. */
  private static void axes(Graphics2D g, Plot plot, List<Integer> batches) {
    g.setFont(Plot.TICK_FONT);
    g.setStroke(new BasicStroke(1f)); // the lines of the panel before were wider, or dashed
    FontMetrics fm = g.getFontMetrics();
    double yStep = Plot.step(plot.yMax - plot.yMin);
    int widest = 0;
    for (double y = 0; y <= plot.yMax + yStep / 1e6; y += yStep) {
      int p = (int) Math.round(plot.py(y));
      g.setColor(GRID);
      g.drawLine(plot.left, p, plot.left + plot.width, p);
      g.setColor(Color.DARK_GRAY);
      String s = Plot.format(y, yStep);
      widest = Math.max(widest, fm.stringWidth(s));
      g.drawString(s, plot.left - 7 - fm.stringWidth(s), p + (fm.getAscent() - fm.getDescent()) / 2);
    }
    for (int b = 0; b < batches.size(); b++) {
      int p = (int) Math.round(plot.px(b));
      g.setColor(Color.DARK_GRAY);
      g.drawLine(p, plot.top + plot.height, p, plot.top + plot.height + 4);
      String s = Integer.toString(batches.get(b));
      g.drawString(s, p - fm.stringWidth(s) / 2, plot.top + plot.height + 6 + fm.getAscent());
    }
    g.drawRect(plot.left, plot.top, plot.width, plot.height);
    g.setFont(Plot.LABEL_FONT);
    FontMetrics lm = g.getFontMetrics();
    g.setColor(Color.BLACK);
    String x = "batch (images)";
    g.drawString(x, plot.left + (plot.width - lm.stringWidth(x)) / 2,
        plot.top + plot.height + 10 + fm.getHeight() + lm.getAscent());
    AffineTransform saved = g.getTransform();
    int yLabelX = plot.left - 12 - widest - lm.getDescent();
    g.rotate(-Math.PI / 2, yLabelX, plot.top + plot.height / 2.0);
    String y = "images/s";
    g.drawString(y, yLabelX - lm.stringWidth(y) / 2, plot.top + plot.height / 2);
    g.setTransform(saved);
  }

  private static void line(Graphics2D g, Plot plot, List<Integer> batches, List<Point> points, String engine,
                           int hidden, boolean bound, Color color) {
    Path2D.Double path = new Path2D.Double();
    boolean started = false;
    for (int b = 0; b < batches.size(); b++) {
      for (Point p : points) {
        if (p.engine().equals(engine) && p.hidden() == hidden && p.batch() == batches.get(b)) {
          double v = bound ? p.boundImagesPerSecond() : p.imagesPerSecond();
          if (started) {
            path.lineTo(plot.px(b), plot.py(v));
          } else {
            path.moveTo(plot.px(b), plot.py(v));
            started = true;
          }
        }
      }
    }
    g.setColor(color);
    g.setStroke(bound
        ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {7f, 4f}, 0f)
        : new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.draw(path);
  }

  /** A swatch per engine, then what solid and dashed mean. */
  private static void legend(Graphics2D g, List<String> engines, int width) {
    g.setFont(Plot.TICK_FONT);
    FontMetrics fm = g.getFontMetrics();
    List<String> labels = new ArrayList<>(engines);
    labels.add("solid: whole step, dashed: its GEMM alone (the bound)");
    int total = 0;
    for (String s : labels) {
      total += 34 + fm.stringWidth(s) + 18;
    }
    int x = Math.max(8, (width - total) / 2), y = 46;
    for (int i = 0; i < labels.size(); i++) {
      if (i < engines.size()) {
        g.setColor(Plot.PALETTE[i % Plot.PALETTE.length]);
        g.setStroke(new BasicStroke(3f));
        g.drawLine(x, y - 5, x + 26, y - 5);
      }
      g.setColor(Color.BLACK);
      g.drawString(labels.get(i), x + 34, y);
      x += 34 + fm.stringWidth(labels.get(i)) + 18;
    }
  }

  private static <T> List<T> distinct(List<Point> points, Function<Point, T> field) {
    List<T> values = new ArrayList<>();
    for (Point p : points) {
      if (!values.contains(field.apply(p))) {
        values.add(field.apply(p));
      }
    }
    return values;
  }
}
