package org.vae4j.viz;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * A grid of grey images (digits) drawn crisp: each pixel becomes a scale x scale block (nearest
 * neighbour, no smoothing), cells are parted by 1-pixel grey lines, and chosen columns by a wider white
 * gap (e.g. between a real image and its samples). Optional row labels sit in a left margin.
 */
public final class Tiles {
  static final Color LINE = new Color(0x80, 0x80, 0x80);
  static final int LINE_WIDTH = 1;
  static final int GAP_WIDTH = 6;
  private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

  private final int rows;
  private final int cols;
  private final int tileRows;
  private final int tileCols;
  private final int scale;
  private final float[][] cells;   // (rows * cols) of (tileRows * tileCols) values in [0, 1], or null
  private final boolean[] gapAfterColumn;
  private String[] rowLabels;
  private int labelWidth;

  public Tiles(int rows, int cols, int tileRows, int tileCols, int scale) {
    if (rows < 1 || cols < 1 || tileRows < 1 || tileCols < 1 || scale < 1) {
      throw new IllegalArgumentException("grid sizes must be positive");
    }
    this.rows = rows;
    this.cols = cols;
    this.tileRows = tileRows;
    this.tileCols = tileCols;
    this.scale = scale;
    this.cells = new float[rows * cols][];
    this.gapAfterColumn = new boolean[cols];
  }

  // src: grey values in [0, 1], one image of tileRows x tileCols starting at off
  public Tiles set(int row, int col, float[] src, int off) {
    float[] cell = new float[tileRows * tileCols];
    System.arraycopy(src, off, cell, 0, cell.length);
    cells[row * cols + col] = cell;
    return this;
  }

  /** A wide gap instead of a thin line after this column. */
  public Tiles gapAfter(int col) {
    gapAfterColumn[col] = true;
    return this;
  }

  /** One label per row, drawn left of the grid. */
  public Tiles rowLabels(String... labels) {
    if (labels.length != rows) {
      throw new IllegalArgumentException("need " + rows + " row labels, got " + labels.length);
    }
    rowLabels = labels.clone();
    BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = probe.createGraphics();
    FontMetrics fm = g.getFontMetrics(LABEL_FONT);
    labelWidth = 0;
    for (String label : labels) {
      labelWidth = Math.max(labelWidth, fm.stringWidth(label));
    }
    labelWidth += 10;
    g.dispose();
    return this;
  }

  /** The left edge of a column's image in the rendered picture. */
  public int x(int col) {
    int x = labelWidth + LINE_WIDTH;
    for (int c = 0; c < col; c++) {
      x += tileCols * scale + (gapAfterColumn[c] ? GAP_WIDTH : LINE_WIDTH);
    }
    return x;
  }

  /** The top edge of a row's image in the rendered picture. */
  public int y(int row) {
    return LINE_WIDTH + row * (tileRows * scale + LINE_WIDTH);
  }

  public int width() {
    return x(cols - 1) + tileCols * scale + LINE_WIDTH;
  }

  public int height() {
    return y(rows - 1) + tileRows * scale + LINE_WIDTH;
  }

  public int scale() {
    return scale;
  }

  public BufferedImage render() {
    BufferedImage image = new BufferedImage(width(), height(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    g.setColor(LINE);
    g.fillRect(labelWidth, 0, image.getWidth() - labelWidth, image.getHeight());
    for (int c = 0; c + 1 < cols; c++) { // gaps are white, lines stay grey
      if (gapAfterColumn[c]) {
        g.setColor(Color.WHITE);
        g.fillRect(x(c) + tileCols * scale + LINE_WIDTH, 0, GAP_WIDTH - 2 * LINE_WIDTH, image.getHeight());
      }
    }
    if (rowLabels != null) {
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setFont(LABEL_FONT);
      g.setColor(Color.DARK_GRAY);
      FontMetrics fm = g.getFontMetrics();
      for (int r = 0; r < rows; r++) {
        int baseline = y(r) + (tileRows * scale + fm.getAscent() - fm.getDescent()) / 2;
        g.drawString(rowLabels[r], labelWidth - 8 - fm.stringWidth(rowLabels[r]), baseline);
      }
    }
    g.dispose();
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        float[] cell = cells[r * cols + c];
        if (cell != null) {
          paint(image, x(c), y(r), cell);
        }
      }
    }
    return image;
  }

  // nearest-neighbour: every source pixel fills a scale x scale block
  private void paint(BufferedImage image, int x0, int y0, float[] cell) {
    for (int i = 0; i < tileRows; i++) {
      for (int j = 0; j < tileCols; j++) {
        int v = grey(cell[i * tileCols + j]);
        int rgb = (v << 16) | (v << 8) | v;
        for (int dy = 0; dy < scale; dy++) {
          for (int dx = 0; dx < scale; dx++) {
            image.setRGB(x0 + j * scale + dx, y0 + i * scale + dy, rgb);
          }
        }
      }
    }
  }

  static int grey(float v) {
    return Math.max(0, Math.min(255, Math.round(v * 255f)));
  }
}
