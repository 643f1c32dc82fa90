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

/** The architecture as a top-to-bottom block diagram: encoder, the sampled latent, decoder. */
public final class ArchitectureDiagram {
  private static final Color ENCODER = new Color(0xdbe9f6);
  private static final Color LATENT = new Color(0xfde5c8);
  private static final Color DECODER = new Color(0xdcefd9);
  private static final Color DATA = new Color(0xeeeeee);
  private static final Font NAME = new Font(Font.SANS_SERIF, Font.BOLD, 15);
  private static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
  private static final int W = 480;
  private static final int H = 830;

  private ArchitectureDiagram() {}

  /** Top to bottom, so that it stays readable in a narrow column of the report. */
  public static BufferedImage draw(VaeConfig c) {
    BufferedImage image = Plot.canvas(W, H);
    Graphics2D g = Plot.smooth(image);
    int p = c.input();
    int h = c.hidden();
    int d = c.latent();
    int bw = 210;
    int bh = 76;
    int cx = W / 2;
    region(g, "encoder q(z|x)", 96, 310, ENCODER);
    region(g, "decoder p(x|z)", 446, 660, DECODER);
    Box x = new Box(cx - bw / 2, 16, bw, 58, DATA, "input x", p + " pixels in [0, 1]");
    Box eh = new Box(cx - bw / 2, 122, bw, bh, ENCODER, "encoder.hidden", "Linear + ReLU, " + p + " \u2192 " + h,
        params(p, h));
    Box mean = new Box(18, 222, bw, bh, ENCODER, "encoder.mean", "Linear, " + h + " \u2192 " + d, params(h, d));
    Box logvar = new Box(W - 18 - bw, 222, bw, bh, ENCODER, "encoder.logvar", "Linear, " + h + " \u2192 " + d,
        params(h, d));
    Box z = new Box(cx - 150, 344, 240, bh, LATENT, "z (" + d + ")", "mean + exp(logvar/2) \u00b7 eps", "0 params");
    Box eps = new Box(z.right() + 26, 354, W - 12 - z.right() - 26, 56, DATA, "eps", "~ N(0, I)");
    Box dh = new Box(cx - bw / 2, 472, bw, bh, DECODER, "decoder.hidden", "Linear + ReLU, " + d + " \u2192 " + h,
        params(d, h));
    Box out = new Box(cx - bw / 2, 572, bw, bh, DECODER, "decoder.output", "Linear + sigmoid, " + h + " \u2192 " + p,
        params(h, p));
    Box px = new Box(cx - bw / 2, 686, bw, 58, DATA, "p(x|z)", p + " Bernoulli means");
    for (Box b : new Box[] {x, eh, mean, logvar, z, eps, dh, out, px}) {
      b.draw(g);
    }
    g.setColor(Color.DARK_GRAY);
    g.setStroke(new BasicStroke(1.6f));
    arrow(g, cx, x.y + x.h, cx, eh.y);
    arrow(g, cx, eh.y + eh.h, mean.cx(), mean.y);
    arrow(g, cx, eh.y + eh.h, logvar.cx(), logvar.y);
    arrow(g, mean.cx(), mean.y + mean.h, z.x + 60, z.y);
    arrow(g, logvar.cx(), logvar.y + logvar.h, z.right() - 60, z.y);
    arrow(g, eps.x, eps.cy(), z.right(), eps.cy());
    arrow(g, z.cx(), z.y + z.h, cx, dh.y);
    arrow(g, cx, dh.y + dh.h, cx, out.y);
    arrow(g, cx, out.y + out.h, cx, px.y);

    g.setFont(TEXT);
    g.setColor(Color.DARK_GRAY);
    String[] notes = {String.format(Locale.ROOT, "total %,d parameters", ArchitectureSummary.totalParams(c)),
        "loss = BCE(x, p) summed over pixels + KL(q(z|x) || N(0, I)),", "averaged over the images of a batch"};
    int baseline = H - 62;
    for (String note : notes) {
      g.drawString(note, (W - g.getFontMetrics().stringWidth(note)) / 2, baseline);
      baseline += g.getFontMetrics().getHeight() + 2;
    }
    g.dispose();
    return image;
  }

  /** A tinted band behind a group of boxes, labelled at its top left. */
  private static void region(Graphics2D g, String label, int y0, int y1, Color color) {
    g.setColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 90));
    g.fillRoundRect(6, y0, W - 12, y1 - y0, 14, 14);
    g.setFont(NAME);
    g.setColor(color.darker().darker().darker());
    g.drawString(label, 14, y0 + 18);
  }

  private static String params(int in, int out) {
    return String.format(Locale.ROOT, "%,d params", (long) in * out + out);
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
