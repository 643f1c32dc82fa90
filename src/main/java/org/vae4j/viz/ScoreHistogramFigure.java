package org.vae4j.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;

/**
 * Histograms of a score over several image sets (e.g. the training distribution's test images and another
 * dataset's), as outlines normalized to fractions of each set, over the range from the 0.5th to the 99.5th
 * percentile of all values pooled (values outside are counted in the edge bins), so that a few extreme
 * images do not squash the rest.
 */
public final class ScoreHistogramFigure {
  static final int WIDTH = 620;
  static final int HEIGHT = 400;
  static final int BINS = 60;

  /** The scores of one set and its legend entry. */
  public record Series(String label, double[] values) {}

  private ScoreHistogramFigure() {}

  public static BufferedImage draw(String title, String xLabel, List<Series> series) {
    if (series.isEmpty() || series.stream().anyMatch(s -> s.values().length == 0)) {
      throw new IllegalArgumentException("every series needs values");
    }
    double[] pooled = series.stream().flatMapToDouble(s -> Arrays.stream(s.values())).sorted().toArray();
    double lo = pooled[(int) Math.floor(0.005 * (pooled.length - 1))];
    double hi = pooled[(int) Math.ceil(0.995 * (pooled.length - 1))];
    if (!(hi > lo)) {
      lo -= 0.5;
      hi += 0.5;
    }
    double width = (hi - lo) / BINS;
    double[][] fractions = new double[series.size()][BINS];
    double top = 0;
    for (int s = 0; s < series.size(); s++) {
      double[] values = series.get(s).values();
      for (double v : values) {
        int bin = (int) Math.floor((v - lo) / width);
        fractions[s][Math.max(0, Math.min(BINS - 1, bin))] += 1.0 / values.length;
      }
      top = Math.max(top, Arrays.stream(fractions[s]).max().orElse(0));
    }
    BufferedImage image = Plot.canvas(WIDTH, HEIGHT);
    Graphics2D g = Plot.smooth(image);
    Plot plot = new Plot(84, 44, WIDTH - 110, HEIGHT - 120, lo, hi, 0, top * 1.08, false);
    plot.drawAxes(g, xLabel, "fraction of the set");
    Plot.title(g, title, WIDTH / 2, 26);
    g.setStroke(new BasicStroke(2f));
    for (int s = 0; s < series.size(); s++) {
      Path2D.Double path = new Path2D.Double();
      path.moveTo(plot.px(lo), plot.py(0));
      for (int b = 0; b < BINS; b++) {
        path.lineTo(plot.px(lo + b * width), plot.py(fractions[s][b]));
        path.lineTo(plot.px(lo + (b + 1) * width), plot.py(fractions[s][b]));
      }
      path.lineTo(plot.px(hi), plot.py(0));
      Color c = Plot.PALETTE[s % Plot.PALETTE.length];
      g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 50));
      g.fill(path);
      g.setColor(c);
      g.draw(path);
    }
    Legend.draw(g, series.stream().map(Series::label).toList(), plot.left + plot.width - 8, plot.top + 8, false);
    g.dispose();
    return image;
  }
}
