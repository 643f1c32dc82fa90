package org.vae4j.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vae4j.model.Architecture;
import org.vae4j.nn.LayerSpec;
import org.vae4j.nn.Shape;

/**
 * The declared architecture as a top-to-bottom block diagram: the input, the encoder's layers, the two
 * heads, the sampled latent, the decoder's layers and the likelihood, each box from its layer's
 * declaration (name, kind, sizes, parameters).
 */
public final class ArchitectureDiagram {
  private static final Color ENCODER = new Color(0xdbe9f6);
  private static final Color LATENT = new Color(0xfde5c8);
  private static final Color DECODER = new Color(0xdcefd9);
  private static final Color DATA = new Color(0xeeeeee);
  private static final Font NAME = new Font(Font.SANS_SERIF, Font.BOLD, 15);
  private static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
  private static final int W = 480;
  private static final int BOX_W = 210;
  private static final int BOX_H = 76;
  private static final int DATA_H = 58;
  private static final int STEP = 100; // from one layer's top to the next one's

  private ArchitectureDiagram() {}

  /** Top to bottom, so that it stays readable in a narrow column of the report. */
  public static BufferedImage draw(Architecture a) {
    int encoderLayers = a.encoder().size();
    int decoderLayers = a.decoder().size();
    int height = 16 + DATA_H + 48 + (encoderLayers + 1) * STEP + 122 + decoderLayers * STEP + 14 + DATA_H + 114;
    BufferedImage image = Plot.canvas(W, height);
    Graphics2D g = Plot.smooth(image);
    int cx = W / 2;
    int c = a.classes();
    String input = c > 0 ? "x ++ y" : "input x";
    String inputText = c > 0 ? a.input() + " pixels, " + c + "-class one-hot label" : a.input() + " pixels in [0, 1]";
    Box x = new Box(cx - (BOX_W + 40) / 2, 16, BOX_W + 40, DATA_H, DATA, input, inputText);
    List<Box> boxes = new ArrayList<>(List.of(x));
    List<int[]> arrows = new ArrayList<>();
    int y = x.y + x.h + 48;
    int encoderTop = y - 26;
    Box previous = x;
    for (LayerSpec l : a.encoder()) {
      Box b = layer(cx - BOX_W / 2, y, ENCODER, l);
      boxes.add(b);
      arrows.add(new int[] {cx, previous.y + previous.h, cx, b.y});
      previous = b;
      y += STEP;
    }
    Box mean = layer(18, y, ENCODER, a.mean());
    Box logvar = layer(W - 18 - BOX_W, y, ENCODER, a.logvar());
    boxes.add(mean);
    boxes.add(logvar);
    arrows.add(new int[] {cx, previous.y + previous.h, mean.cx(), mean.y});
    arrows.add(new int[] {cx, previous.y + previous.h, logvar.cx(), logvar.y});
    int encoderBottom = y + BOX_H + 12;
    y += 122;
    Box z = new Box(cx - 150, y, 240, BOX_H, LATENT, c > 0 ? "z (" + a.latent() + ") ++ y" : "z (" + a.latent() + ")",
        "mean + exp(logvar/2) \u00b7 eps", "0 params");
    Box eps = new Box(z.right() + 26, y + 10, W - 12 - z.right() - 26, 56, DATA, "eps", "~ N(0, I)");
    boxes.add(z);
    boxes.add(eps);
    arrows.add(new int[] {mean.cx(), mean.y + mean.h, z.x + 60, z.y});
    arrows.add(new int[] {logvar.cx(), logvar.y + logvar.h, z.right() - 60, z.y});
    arrows.add(new int[] {eps.x, eps.cy(), z.right(), eps.cy()});
    y += BOX_H + 52;
    int decoderTop = y - 26;
    previous = z;
    for (LayerSpec l : a.decoder()) {
      Box b = layer(cx - BOX_W / 2, y, DECODER, l);
      boxes.add(b);
      arrows.add(new int[] {previous.cx(), previous.y + previous.h, cx, b.y});
      previous = b;
      y += STEP;
    }
    int decoderBottom = y - STEP + BOX_H + 12;
    Box px = new Box(cx - BOX_W / 2, y + 14, BOX_W, DATA_H, DATA, "p(x|z)",
        a.input() + " " + a.likelihood().name() + " means");
    boxes.add(px);
    arrows.add(new int[] {cx, previous.y + previous.h, cx, px.y});

    region(g, "encoder q(z|x)", encoderTop, encoderBottom, ENCODER);
    region(g, "decoder p(x|z)", decoderTop, decoderBottom, DECODER);
    boxes.forEach(b -> b.draw(g));
    g.setColor(Color.DARK_GRAY);
    g.setStroke(new BasicStroke(1.6f));
    arrows.forEach(ar -> arrow(g, ar[0], ar[1], ar[2], ar[3]));

    g.setFont(TEXT);
    g.setColor(Color.DARK_GRAY);
    String[] notes = {String.format(Locale.ROOT, "total %,d parameters", a.parameterCount()),
        "loss = -log p(x|z) summed over pixels + KL(q(z|x) || N(0, I)),", "averaged over the images of a batch"};
    int baseline = height - 62;
    for (String note : notes) {
      g.drawString(note, (W - g.getFontMetrics().stringWidth(note)) / 2, baseline);
      baseline += g.getFontMetrics().getHeight() + 2;
    }
    g.dispose();
    return image;
  }

  /** A layer's box: its name, kind and sizes, and its parameter count. */
  private static Box layer(int x, int y, Color fill, LayerSpec l) {
    String sizes = l.input().isFlat() && l.output().isFlat()
        ? l.input().size() + " \u2192 " + l.output().size()
        : shape(l.input()) + " \u2192 " + shape(l.output());
    return new Box(x, y, BOX_W, BOX_H, fill, l.name(), l.kind() + l.activation().suffix() + ", " + sizes,
        String.format(Locale.ROOT, "%,d params", l.parameterCount()));
  }

  private static String shape(Shape s) {
    return s.isFlat() ? String.valueOf(s.size()) : s.channels() + "x" + s.height() + "x" + s.width();
  }

  /** A tinted band behind a group of boxes, labelled at its top left. */
  private static void region(Graphics2D g, String label, int y0, int y1, Color color) {
    g.setColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 90));
    g.fillRoundRect(6, y0, W - 12, y1 - y0, 14, 14);
    g.setFont(NAME);
    g.setColor(color.darker().darker().darker());
    g.drawString(label, 14, y0 + 18);
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
