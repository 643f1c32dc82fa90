package org.vae4j.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.image.BufferedImage;
import java.util.Locale;
import org.vae4j.model.VaeConfig;

/** The architecture as a left-to-right block diagram: encoder, the sampled latent, decoder. */
public final class ArchitectureDiagram {
  private static final Color ENCODER = new Color(0xdbe9f6);
  private static final Color LATENT = new Color(0xfde5c8);
  private static final Color DECODER = new Color(0xdcefd9);
  private static final Color DATA = new Color(0xeeeeee);
  private static final Font NAME = new Font(Font.SANS_SERIF, Font.BOLD, 13);
  private static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final int W = 1180;
  private static final int H = 300;

  private ArchitectureDiagram() {}

  public static BufferedImage draw(VaeConfig c) {
    BufferedImage image = Plot.canvas(W, H);
    Graphics2D g = Plot.smooth(image);
    int p = c.input();
    int h = c.hidden();
    int d = c.latent();
    int mid = 170;
    int bw = 138;
    int bh = 84;
    Box x = new Box(10, mid - bh / 2, 128, bh, DATA, "input x", p + " pixels in [0, 1]");
    Box eh = new Box(170, mid - bh / 2, bw, bh, ENCODER, "encoder.hidden",
        "Linear + ReLU", p + " \u2192 " + h, params(p, h));
    Box mean = new Box(344, mid - bh - 10, bw, bh, ENCODER, "encoder.mean", "Linear", h + " \u2192 " + d, params(h, d));
    Box logvar = new Box(344, mid + 10, bw, bh, ENCODER, "encoder.logvar", "Linear", h + " \u2192 " + d,
        params(h, d));
    Box z = new Box(518, mid - bh / 2, 174, bh, LATENT, "z (" + d + ")", "mean + exp(logvar/2) \u00b7 eps", "0 params");
    Box eps = new Box(535, 40, 140, 44, DATA, "eps ~ N(0, I)", d + " per image");
    Box dh = new Box(726, mid - bh / 2, bw, bh, DECODER, "decoder.hidden", "Linear + ReLU", d + " \u2192 " + h,
        params(d, h));
    Box out = new Box(898, mid - bh / 2, bw, bh, DECODER, "decoder.output", "Linear + sigmoid", h + " \u2192 " + p,
        params(h, p));
    Box px = new Box(1068, mid - bh / 2, 106, bh, DATA, "p(x|z)", p + " Bernoulli", "means");

    groupLabel(g, "encoder q(z|x)", 170, 482, ENCODER.darker().darker());
    groupLabel(g, "decoder p(x|z)", 726, 1036, DECODER.darker().darker());
    for (Box b : new Box[] {x, eh, mean, logvar, z, eps, dh, out, px}) {
      b.draw(g);
    }
    g.setColor(Color.DARK_GRAY);
    g.setStroke(new BasicStroke(1.6f));
    arrow(g, x.right(), mid, eh.x, mid);
    arrow(g, eh.right(), mid, mean.x, mean.cy());
    arrow(g, eh.right(), mid, logvar.x, logvar.cy());
    arrow(g, mean.right(), mean.cy(), z.x, mid - 12);
    arrow(g, logvar.right(), logvar.cy(), z.x, mid + 12);
    arrow(g, eps.cx(), eps.y + eps.h, z.cx(), z.y);
    arrow(g, z.right(), mid, dh.x, mid);
    arrow(g, dh.right(), mid, out.x, mid);
    arrow(g, out.right(), mid, px.x, mid);

    g.setFont(TEXT);
    g.setColor(Color.DARK_GRAY);
    String total = String.format(Locale.ROOT, "total %,d parameters; loss = BCE(x, p) summed over pixels + "
        + "KL(q(z|x) || N(0, I)), averaged over a batch", ArchitectureSummary.totalParams(c));
    g.drawString(total, (W - g.getFontMetrics().stringWidth(total)) / 2, H - 14);
    g.dispose();
    return image;
  }

  private static String params(int in, int out) {
    return String.format(Locale.ROOT, "%,d params", (long) in * out + out);
  }

  private static void groupLabel(Graphics2D g, String label, int x0, int x1, Color color) {
    g.setColor(color);
    g.setStroke(new BasicStroke(1.2f));
    int y = 58;
    g.drawLine(x0, y, x1, y);
    g.drawLine(x0, y, x0, y + 6);
    g.drawLine(x1, y, x1, y + 6);
    g.setFont(NAME);
    FontMetrics fm = g.getFontMetrics();
    g.drawString(label, (x0 + x1 - fm.stringWidth(label)) / 2, y - 6);
  }

  private static void arrow(Graphics2D g, double x0, double y0, double x1, double y1) {
    double angle = Math.atan2(y1 - y0, x1 - x0);
    double len = 8;
    double ex = x1 - 1.5 * Math.cos(angle);
    double ey = y1 - 1.5 * Math.sin(angle);
    g.drawLine((int) Math.round(x0), (int) Math.round(y0),
        (int) Math.round(ex - len * 0.8 * Math.cos(angle)), (int) Math.round(ey - len * 0.8 * Math.sin(angle)));
    Polygon head = new Polygon();
    head.addPoint((int) Math.round(ex), (int) Math.round(ey));
    head.addPoint((int) Math.round(ex - len * Math.cos(angle - 0.45)), (int) Math.round(ey - len * Math.sin(angle - 0.45)));
    head.addPoint((int) Math.round(ex - len * Math.cos(angle + 0.45)), (int) Math.round(ey - len * Math.sin(angle + 0.45)));
    g.fillPolygon(head);
  }

  /** A rounded box with a bold first line and plain lines below, centred. */
  private record Box(int x, int y, int w, int h, Color fill, String name, String... lines) {
    int right() {
      return x + w;
    }

    int cx() {
      return x + w / 2;
    }

    int cy() {
      return y + h / 2;
    }

    void draw(Graphics2D g) {
      g.setColor(fill);
      g.fillRoundRect(x, y, w, h, 12, 12);
      g.setColor(fill.darker().darker());
      g.setStroke(new BasicStroke(1.2f));
      g.drawRoundRect(x, y, w, h, 12, 12);
      g.setFont(NAME);
      FontMetrics nm = g.getFontMetrics(NAME);
      FontMetrics tm = g.getFontMetrics(TEXT);
      int textHeight = nm.getHeight() + lines.length * tm.getHeight();
      int baseline = y + (h - textHeight) / 2 + nm.getAscent();
      g.setColor(Color.BLACK);
      g.drawString(name, cx() - nm.stringWidth(name) / 2, baseline);
      g.setFont(TEXT);
      g.setColor(new Color(0x333333));
      baseline += nm.getHeight();
      for (String line : lines) {
        g.drawString(line, cx() - tm.stringWidth(line) / 2, baseline);
        baseline += tm.getHeight();
      }
    }
  }
}
