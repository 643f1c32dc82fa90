package org.vae4j.viz;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;

/**
 * Points (N, 2) coloured by label (the palette's ten colours, repeated past ten classes), with labelled axes
 * and a legend of the classes' names; without labels, all in one colour and no legend.
 */
public final class LatentScatter {
  static final int WIDTH = 600;
  static final int HEIGHT = 540;

  private LatentScatter() {}

  /** Legend entries that fit beside the plot; further classes are summed up as "...". */
  private static final int LEGEND_ROWS = 14;

  // xy: (N, 2); labels: (N) or null; names: the classes', index = label (legend title legend)
  public static BufferedImage draw(float[] xy, int[] labels, java.util.List<String> names, String legend, int n,
                                   String title, String xLabel, String yLabel) {
    double xMin = Double.POSITIVE_INFINITY;
    double xMax = Double.NEGATIVE_INFINITY;
    double yMin = Double.POSITIVE_INFINITY;
    double yMax = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      xMin = Math.min(xMin, xy[2 * i]);
      xMax = Math.max(xMax, xy[2 * i]);
      yMin = Math.min(yMin, xy[2 * i + 1]);
      yMax = Math.max(yMax, xy[2 * i + 1]);
    }
    double xPad = 0.03 * (xMax - xMin); // no point on the frame
    double yPad = 0.03 * (yMax - yMin);
    xMin -= xPad;
    xMax += xPad;
    yMin -= yPad;
    yMax += yPad;
    BufferedImage image = Plot.canvas(WIDTH, HEIGHT);
    Graphics2D g = Plot.smooth(image);
    Plot plot = new Plot(84, 44, WIDTH - 84 - 96, HEIGHT - 44 - 70, xMin, xMax, yMin, yMax, false);
    plot.drawAxes(g, xLabel, yLabel);
    Plot.title(g, title, plot.left + plot.width / 2, 28);
    g.clipRect(plot.left + 1, plot.top + 1, plot.width - 1, plot.height - 1);
    double r = n > 3000 ? 1.8 : 2.6;
    for (int i = 0; i < n; i++) { // in the given order, which the caller has shuffled: no digit hides the rest
      Color c = labels == null ? Plot.PALETTE[0] : Plot.PALETTE[Math.floorMod(labels[i], Plot.PALETTE.length)];
      g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 170));
      g.fill(new Ellipse2D.Double(plot.px(xy[2 * i]) - r, plot.py(xy[2 * i + 1]) - r, 2 * r, 2 * r));
    }
    g.setClip(null);
    int lx = plot.left + plot.width + 22;
    int ly = plot.top + 8;
    g.setFont(Plot.LABEL_FONT);
    g.setColor(Color.BLACK);
    if (labels != null) {
      g.drawString(legend, lx, ly + 10);
      int rows = names.size() > LEGEND_ROWS ? LEGEND_ROWS - 1 : names.size();
      for (int d = 0; d < rows; d++) {
        int y = ly + 34 + d * 28;
        g.setColor(Plot.PALETTE[d % Plot.PALETTE.length]);
        g.fill(new Ellipse2D.Double(lx, y - 6, 12, 12));
        g.setColor(Color.BLACK);
        g.drawString(fitted(g, names.get(d), WIDTH - lx - 22 - 4), lx + 22, y + 5);
      }
      if (rows < names.size()) {
        g.drawString("...", lx + 22, ly + 34 + rows * 28 + 5);
      }
    }
    g.dispose();
    return image;
  }

  /** name, or as much of it as fits in width pixels with a trailing dot. */
  private static String fitted(Graphics2D g, String name, int width) {
    java.awt.FontMetrics metrics = g.getFontMetrics();
    if (metrics.stringWidth(name) <= width) {
      return name;
    }
    String cut = name;
    while (cut.length() > 1 && metrics.stringWidth(cut + ".") > width) {
      cut = cut.substring(0, cut.length() - 1);
    }
    return cut + ".";
  }
}
