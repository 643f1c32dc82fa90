package org.vae4j.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * Runs against their training time: for each run its test -ELBO after every epoch (a line: the bound with one
 * z per image) and its importance-weighted NLL where it was evaluated (dots, labelled with the last one's
 * value), over the cumulative minutes of training, test evaluation excluded. For comparing models trained on
 * the same budget of time.
 */
public final class TimeCurves {
  private static final int WIDTH = 720;
  private static final int HEIGHT = 480;

  /** A run: its label, its test -ELBO after each epoch at the minutes trained by then, its evaluated NLLs. */
  public record Run(String label, double[] minutes, double[] testNelbo, List<Point> nll) {}

  /** An importance-weighted NLL with k samples, after the given minutes of training. */
  public record Point(double minutes, double nll, int k) {}

  private TimeCurves() {}

  /** y from lo to hi nats (NaN: from the data). */
  public static BufferedImage draw(List<Run> runs, String title, double lo, double hi) {
    double maxX = 0;
    double minY = Double.POSITIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    for (Run r : runs) {
      for (int i = 0; i < r.minutes().length; i++) {
        maxX = Math.max(maxX, r.minutes()[i]);
        minY = Math.min(minY, r.testNelbo()[i]);
        maxY = Math.max(maxY, r.testNelbo()[i]);
      }
      for (Point p : r.nll()) {
        maxX = Math.max(maxX, p.minutes());
        minY = Math.min(minY, p.nll());
        maxY = Math.max(maxY, p.nll());
      }
    }
    double yLo = Double.isNaN(lo) ? minY - 1 : lo;
    double yHi = Double.isNaN(hi) ? maxY + 1 : hi;
    BufferedImage image = Plot.canvas(WIDTH, HEIGHT);
    Graphics2D g = Plot.smooth(image);
    Plot plot = new Plot(84, 48, WIDTH - 84 - 24, HEIGHT - 48 - 70, 0, Math.max(maxX, 1e-3), yLo, yHi);
    plot.drawAxes(g, "minutes of training", "nats per image (test set)");
    Plot.title(g, title, plot.left + plot.width / 2, 28);
    g.setClip(plot.left, plot.top, plot.width + 1, plot.height + 1);
    for (int r = 0; r < runs.size(); r++) {
      Run run = runs.get(r);
      g.setColor(Plot.PALETTE[r % Plot.PALETTE.length]);
      g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      Path2D.Double path = new Path2D.Double();
      for (int i = 0; i < run.minutes().length; i++) {
        double x = plot.px(run.minutes()[i]);
        double y = plot.py(run.testNelbo()[i]);
        if (i == 0) {
          path.moveTo(x, y);
        } else {
          path.lineTo(x, y);
        }
      }
      g.draw(path);
      for (Point p : run.nll()) {
        g.fill(new Ellipse2D.Double(plot.px(p.minutes()) - 5, plot.py(p.nll()) - 5, 10, 10));
      }
    }
    g.setClip(null);
    legend(g, runs, plot);
    g.dispose();
    return image;
  }

  private static void legend(Graphics2D g, List<Run> runs, Plot plot) {
    g.setFont(Plot.TICK_FONT);
    String note = "lines: test -ELBO after each epoch; dots: importance-weighted NLL";
    List<String> texts = new java.util.ArrayList<>();
    int width = g.getFontMetrics().stringWidth(note) - 32;
    for (Run run : runs) {
      Point last = run.nll().isEmpty() ? null : run.nll().get(run.nll().size() - 1);
      String text = run.label() + (last == null ? "" : String.format(Locale.ROOT, ": NLL %.2f (K = %d)", last.nll(),
          last.k()));
      texts.add(text);
      width = Math.max(width, g.getFontMetrics().stringWidth(text));
    }
    int x = plot.left + plot.width - width - 44;
    int y = plot.top + 12;
    for (int r = 0; r < runs.size(); r++) {
      g.setColor(Plot.PALETTE[r % Plot.PALETTE.length]);
      g.setStroke(new BasicStroke(2.5f));
      g.drawLine(x, y + 5, x + 26, y + 5);
      g.fill(new Ellipse2D.Double(x + 8, y, 10, 10));
      g.setColor(Color.BLACK);
      g.drawString(texts.get(r), x + 32, y + 10);
      y += 20;
    }
    g.setColor(Color.DARK_GRAY);
    g.drawString(note, x, y + 10);
  }
}
