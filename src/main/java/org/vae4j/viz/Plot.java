package org.vae4j.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * A rectangle of data coordinates mapped onto a rectangle of pixels, with axes, "nice" ticks (1, 2 or 5
 * times a power of ten), grid lines and axis labels: the frame of the scatter and the training curves.
 */
final class Plot {
  /** Matplotlib's "tab10" colours: ten hues that stay apart, one per digit. */
  static final Color[] PALETTE = {
      new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
      new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};
  static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
  static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 16);
  static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
  private static final Color GRID = new Color(0xe6e6e6);

  final int left;
  final int top;
  final int width;
  final int height;
  final double xMin;
  final double xMax;
  final double yMin;
  final double yMax;
  private boolean integerX;

  /** Pixel rectangle (left, top, width, height); data ranges are widened to whole tick steps. */
  Plot(int left, int top, int width, int height, double xMin, double xMax, double yMin, double yMax) {
    this(left, top, width, height, xMin, xMax, yMin, yMax, true);
  }

  /** As above; with wholeSteps false the ranges are kept as given (ticks fall inside them). */
  Plot(int left, int top, int width, int height, double xMin, double xMax, double yMin, double yMax,
       boolean wholeSteps) {
    this.left = left;
    this.top = top;
    this.width = width;
    this.height = height;
    double[] xr = wholeSteps ? niceRange(xMin, xMax) : range(xMin, xMax);
    double[] yr = wholeSteps ? niceRange(yMin, yMax) : range(yMin, yMax);
    this.xMin = xr[0];
    this.xMax = xr[1];
    this.yMin = yr[0];
    this.yMax = yr[1];
  }

  /** Ticks on the x axis only at whole numbers (epochs). */
  Plot integerX() {
    integerX = true;
    return this;
  }

  double px(double x) {
    return left + (x - xMin) / (xMax - xMin) * width;
  }

  double py(double y) {
    return top + height - (y - yMin) / (yMax - yMin) * height;
  }

  /** A white image with antialiased drawing, for charts (digit grids never use this). */
  static BufferedImage canvas(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.dispose();
    return image;
  }

  static Graphics2D smooth(BufferedImage image) {
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    return g;
  }

  /** Grid lines, the frame, tick labels, and the axis labels. */
  void drawAxes(Graphics2D g, String xLabel, String yLabel) {
    g.setFont(TICK_FONT);
    FontMetrics fm = g.getFontMetrics();
    double xStep = integerX ? Math.max(1, step(xMax - xMin)) : step(xMax - xMin);
    double yStep = step(yMax - yMin);
    g.setStroke(new BasicStroke(1f));
    for (double x = firstTick(xMin, xStep); x <= xMax + xStep / 1e6; x += xStep) {
      int p = (int) Math.round(px(x));
      g.setColor(GRID);
      g.drawLine(p, top, p, top + height);
      g.setColor(Color.DARK_GRAY);
      g.drawLine(p, top + height, p, top + height + 4);
      String s = format(x, xStep);
      g.drawString(s, p - fm.stringWidth(s) / 2, top + height + 6 + fm.getAscent());
    }
    for (double y = firstTick(yMin, yStep); y <= yMax + yStep / 1e6; y += yStep) {
      int p = (int) Math.round(py(y));
      g.setColor(GRID);
      g.drawLine(left, p, left + width, p);
      g.setColor(Color.DARK_GRAY);
      g.drawLine(left - 4, p, left, p);
      String s = format(y, yStep);
      g.drawString(s, left - 7 - fm.stringWidth(s), p + (fm.getAscent() - fm.getDescent()) / 2);
    }
    g.setColor(Color.DARK_GRAY);
    g.drawRect(left, top, width, height);
    g.setFont(LABEL_FONT);
    FontMetrics lm = g.getFontMetrics();
    g.setColor(Color.BLACK);
    g.drawString(xLabel, left + (width - lm.stringWidth(xLabel)) / 2, top + height + 10 + fm.getHeight() + lm.getAscent());
    AffineTransform saved = g.getTransform();
    int yLabelX = left - 12 - maxTickWidth(fm, yStep) - lm.getDescent();
    g.rotate(-Math.PI / 2, yLabelX, top + height / 2.0);
    g.drawString(yLabel, yLabelX - lm.stringWidth(yLabel) / 2, top + height / 2);
    g.setTransform(saved);
  }

  private int maxTickWidth(FontMetrics fm, double yStep) {
    int w = 0;
    for (double y = firstTick(yMin, yStep); y <= yMax + yStep / 1e6; y += yStep) {
      w = Math.max(w, fm.stringWidth(format(y, yStep)));
    }
    return w;
  }

  static void title(Graphics2D g, String title, int centerX, int baseline) {
    g.setFont(TITLE_FONT);
    g.setColor(Color.BLACK);
    g.drawString(title, centerX - g.getFontMetrics().stringWidth(title) / 2, baseline);
  }

  /** A tick step of 1, 2 or 5 times a power of ten giving about five ticks. */
  static double step(double range) {
    if (!(range > 0) || Double.isInfinite(range)) {
      return 1;
    }
    double raw = range / 5;
    double power = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / power;
    return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * power;
  }

  private static double firstTick(double min, double step) {
    return Math.ceil(min / step - 1e-9) * step;
  }

  private static double[] range(double lo, double hi) {
    return hi > lo ? new double[] {lo, hi} : new double[] {lo - 0.5, hi + 0.5};
  }

  /** [lo, hi] widened to whole steps; a point range gets a unit around it. */
  static double[] niceRange(double lo, double hi) {
    if (!(hi > lo)) {
      lo -= 0.5;
      hi += 0.5;
    }
    double s = step(hi - lo);
    return new double[] {Math.floor(lo / s + 1e-9) * s, Math.ceil(hi / s - 1e-9) * s};
  }

  static String format(double v, double step) {
    int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
    if (Math.abs(v) < step / 1e6) {
      v = 0; // no "-0"
    }
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }
}
