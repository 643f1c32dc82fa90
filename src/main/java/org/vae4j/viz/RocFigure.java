package org.vae4j.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * ROC curves, one per score or model: true positive rate (anomalies flagged) against false positive rate
 * (normal images flagged) as the threshold falls, with the chance diagonal and a legend.
 */
public final class RocFigure {
  static final int WIDTH = 600;
  static final int HEIGHT = 500;

  /** A curve's points from (0, 0) to (1, 1), and its legend entry (e.g. "NLL, AUROC 0.31"). */
  public record Curve(String label, double[] falsePositiveRate, double[] truePositiveRate) {}

  private RocFigure() {}

  public static BufferedImage draw(String title, List<Curve> curves) {
    if (curves.isEmpty()) {
      throw new IllegalArgumentException("no curves to plot");
    }
    BufferedImage image = Plot.canvas(WIDTH, HEIGHT);
    Graphics2D g = Plot.smooth(image);
    Plot plot = new Plot(80, 44, WIDTH - 110, HEIGHT - 120, 0, 1, 0, 1);
    plot.drawAxes(g, "false positive rate (normal flagged)", "true positive rate (anomalies flagged)");
    Plot.title(g, title, WIDTH / 2, 26);
    g.setColor(Color.GRAY);
    g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 5f}, 0f));
    g.drawLine((int) plot.px(0), (int) plot.py(0), (int) plot.px(1), (int) plot.py(1));
    g.setStroke(new BasicStroke(2f));
    for (int c = 0; c < curves.size(); c++) {
      Curve curve = curves.get(c);
      Path2D.Double path = new Path2D.Double();
      double[] x = curve.falsePositiveRate();
      double[] y = curve.truePositiveRate();
      for (int i = 0; i < x.length; i++) {
        if (i == 0) {
          path.moveTo(plot.px(x[i]), plot.py(y[i]));
        } else {
          path.lineTo(plot.px(x[i]), plot.py(y[i]));
        }
      }
      g.setColor(Plot.PALETTE[c % Plot.PALETTE.length]);
      g.draw(path);
    }
    Legend.draw(g, curves.stream().map(Curve::label).toList(), plot.left + plot.width - 8, plot.top + plot.height - 8,
        true);
    g.dispose();
    return image;
  }
}
