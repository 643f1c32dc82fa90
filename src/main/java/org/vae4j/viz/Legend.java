package org.vae4j.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.util.List;

/** A boxed legend of coloured lines in palette order, anchored at a corner of a plot. */
final class Legend {
  private Legend() {}

  /** Draws the entries in a box whose right edge is at right and whose bottom (or top) is at y. */
  static void draw(Graphics2D g, List<String> entries, int right, int y, boolean anchorBottom) {
    g.setFont(Plot.TICK_FONT);
    FontMetrics fm = g.getFontMetrics();
    int line = fm.getHeight() + 2;
    int textWidth = entries.stream().mapToInt(fm::stringWidth).max().orElse(0);
    int width = textWidth + 44;
    int height = entries.size() * line + 10;
    int left = right - width;
    int top = anchorBottom ? y - height : y;
    g.setColor(new Color(255, 255, 255, 230));
    g.fillRect(left, top, width, height);
    g.setColor(Color.LIGHT_GRAY);
    g.setStroke(new BasicStroke(1f));
    g.drawRect(left, top, width, height);
    for (int i = 0; i < entries.size(); i++) {
      int baseline = top + 5 + i * line + fm.getAscent();
      int mid = baseline - fm.getAscent() / 2 + 1;
      g.setColor(Plot.PALETTE[i % Plot.PALETTE.length]);
      g.setStroke(new BasicStroke(3f));
      g.drawLine(left + 8, mid, left + 30, mid);
      g.setColor(Color.BLACK);
      g.drawString(entries.get(i), left + 36, baseline);
    }
  }
}
