package org.vae4j.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.vae4j.train.EpochMetrics;

/**
 * Three panels, one above the other (to stay readable in a narrow report column): -ELBO, reconstruction
 * (BCE) and KL per epoch, each for the training and the test set.
 */
public final class TrainingCurves {
  static final Color TRAIN = Plot.PALETTE[0];
  static final Color TEST = Plot.PALETTE[1];
  static final int WIDTH = 480;
  static final int PANEL_HEIGHT = 270;
  static final int TOP = 36;

  private TrainingCurves() {}

  public static BufferedImage draw(List<EpochMetrics> epochs) {
    if (epochs.isEmpty()) {
      throw new IllegalArgumentException("no epochs to plot");
    }
    BufferedImage image = Plot.canvas(WIDTH, TOP + 3 * PANEL_HEIGHT);
    Graphics2D g = Plot.smooth(image);
    panel(g, 0, epochs, "-ELBO (nats per image)", EpochMetrics::trainNelbo, EpochMetrics::testNelbo);
    panel(g, 1, epochs, "reconstruction: BCE summed over pixels", EpochMetrics::trainRecon, EpochMetrics::testRecon);
    panel(g, 2, epochs, "KL(q(z|x) || N(0, I))", EpochMetrics::trainKl, EpochMetrics::testKl);
    legend(g, WIDTH / 2 - 70, 8);
    g.dispose();
    return image;
  }

  private static void panel(Graphics2D g, int index, List<EpochMetrics> epochs, String title,
                            ToDoubleFunction<EpochMetrics> train, ToDoubleFunction<EpochMetrics> test) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (EpochMetrics m : epochs) {
      for (double v : new double[] {train.applyAsDouble(m), test.applyAsDouble(m)}) {
        if (Double.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    if (lo > hi) {
      lo = 0;
      hi = 1;
    }
    double pad = (hi - lo) * 0.05;
    int first = epochs.get(0).epoch();
    int last = epochs.get(epochs.size() - 1).epoch();
    int y0 = TOP + index * PANEL_HEIGHT;
    Plot plot = new Plot(84, y0 + 34, WIDTH - 84 - 20, PANEL_HEIGHT - 34 - 62,
        first == last ? first - 1 : first, first == last ? last + 1 : last, lo - pad, hi + pad).integerX();
    plot.drawAxes(g, "epoch", "nats per image");
    Plot.title(g, title, plot.left + plot.width / 2, y0 + 24);
    series(g, plot, epochs, train, TRAIN, false);
    series(g, plot, epochs, test, TEST, true);
  }

  private static void series(Graphics2D g, Plot plot, List<EpochMetrics> epochs, ToDoubleFunction<EpochMetrics> value,
                             Color color, boolean dashed) {
    g.setColor(color);
    g.setStroke(dashed
        ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {7f, 4f}, 0f)
        : new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    Path2D.Double path = new Path2D.Double();
    boolean started = false;
    for (EpochMetrics m : epochs) {
      double v = value.applyAsDouble(m);
      if (!Double.isFinite(v)) {
        started = false;
        continue;
      }
      double x = plot.px(m.epoch());
      double y = plot.py(v);
      if (started) {
        path.lineTo(x, y);
      } else {
        path.moveTo(x, y);
        started = true;
      }
      if (epochs.size() <= 25) { // few epochs: mark them, a single one would be invisible otherwise
        g.fill(new java.awt.geom.Ellipse2D.Double(x - 3, y - 3, 6, 6));
      }
    }
    g.draw(path);
  }

  private static void legend(Graphics2D g, int x, int y) {
    g.setFont(Plot.LABEL_FONT);
    int[] offsets = {0, 95};
    String[] labels = {"train", "test"};
    Color[] colors = {TRAIN, TEST};
    for (int i = 0; i < 2; i++) {
      g.setColor(colors[i]);
      g.setStroke(i == 0 ? new BasicStroke(2.5f)
          : new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {7f, 4f}, 0f));
      g.drawLine(x + offsets[i], y + 9, x + offsets[i] + 32, y + 9);
      g.setColor(Color.BLACK);
      g.drawString(labels[i], x + offsets[i] + 38, y + 14);
    }
  }
}
