package org.vae4j.viz;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The decoder over a grid of latent points: coordinates are the inverse normal CDF of evenly spaced values
 * on the unit square, along two latent dimensions (the two whose test-set means vary most when d > 2; the
 * others held at 0). A conditional model gets one grid per digit, side by side.
 */
final class ManifoldFigure implements FigureMaker {
  static final double LOW = 0.05;
  static final double HIGH = 0.95;
  /** Grid side per digit of a conditional model, so that ten grids fit one image. */
  static final int PER_DIGIT_SIDE = 10;
  private static final Font LABEL = new Font(Font.SANS_SERIF, Font.BOLD, 14);

  @Override
  public String name() {
    return Figures.MANIFOLD;
  }

  @Override
  public List<Figure> write(FigureContext ctx, Path dir) {
    return List.of(png(dir, "Manifold", ctx.conditional() ? drawPerDigit(ctx) : draw(ctx), caption(ctx)));
  }

  /** The traversed dimensions (horizontal, vertical), or one for d = 1. */
  static int[] dimensions(FigureContext ctx) {
    if (ctx.d == 1) {
      return new int[] {0};
    }
    if (ctx.d == 2) {
      return new int[] {0, 1};
    }
    return new Pca(ctx.testMeans(), ctx.test.count(), ctx.d, 1).largestVarianceDimensions(2);
  }

  BufferedImage draw(FigureContext ctx) {
    return grid(ctx, ctx.manifoldSize, null);
  }

  /** One grid per digit, in two rows of five, each labelled. */
  BufferedImage drawPerDigit(FigureContext ctx) {
    int classes = ctx.vae.classes();
    BufferedImage[] grids = new BufferedImage[classes];
    for (int c = 0; c < classes; c++) {
      grids[c] = grid(ctx, Math.min(ctx.manifoldSize, PER_DIGIT_SIDE), c);
    }
    int perRow = (classes + 1) / 2;
    int margin = 22;
    int w = grids[0].getWidth();
    int h = grids[0].getHeight();
    BufferedImage image = new BufferedImage(perRow * (w + 8) + 8, 2 * (h + margin + 8), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = Plot.smooth(image);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    g.setFont(LABEL);
    for (int c = 0; c < classes; c++) {
      int x = 8 + (c % perRow) * (w + 8);
      int y = (c / perRow) * (h + margin + 8) + margin;
      g.setColor(Color.BLACK);
      g.drawString(ctx.className(c), x, y - 6);
      g.drawImage(grids[c], x, y, null);
    }
    g.dispose();
    return image;
  }

  /** An n x n grid (one row for d = 1), decoded with the given label (null: unconditional). */
  private BufferedImage grid(FigureContext ctx, int n, Integer label) {
    double[] axis = InverseNormal.grid(n, LOW, HIGH);
    int[] dims = dimensions(ctx);
    int d = ctx.d;
    int rows = dims.length == 1 ? 1 : n;
    float[] z = new float[rows * n * d];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < n; c++) {
        int i = r * n + c;
        z[i * d + dims[0]] = (float) axis[c];
        if (dims.length > 1) {
          z[i * d + dims[1]] = (float) axis[n - 1 - r]; // the top row is the largest value, as on a plot
        }
      }
    }
    int[] labels = null;
    if (label != null) {
      labels = new int[rows * n];
      java.util.Arrays.fill(labels, label);
    }
    float[] images = ctx.model.decode(z, labels, rows * n);
    Tiles tiles = ctx.tiles(rows, n);
    for (int i = 0; i < rows * n; i++) {
      tiles.set(i / n, i % n, images, i * ctx.test.pixels());
    }
    return tiles.render();
  }

  private String caption(FigureContext ctx) {
    int[] dims = dimensions(ctx);
    int n = ctx.conditional() ? Math.min(ctx.manifoldSize, PER_DIGIT_SIDE) : ctx.manifoldSize;
    double end = InverseNormal.of(HIGH);
    String grid = String.format(Locale.ROOT, "Decoded means on a %d x %d grid of latent points whose coordinates "
        + "are the inverse normal CDF of %d evenly spaced values from %.2f to %.2f (z from %.2f to %.2f)",
        dims.length == 1 ? 1 : n, n, n, LOW, HIGH, -end, end);
    String where;
    if (ctx.d == 1) {
      where = grid + ", along the one latent dimension";
    } else if (ctx.d == 2) {
      where = grid + ": z1 grows left to right and z2 bottom to top";
    } else {
      where = String.format(Locale.ROOT, "%s: z%d grows left to right and z%d bottom to top, the two of the %d "
          + "dimensions whose test-set means vary most, with the other %d held at 0", grid, dims[0] + 1,
          dims[1] + 1, ctx.d, ctx.d - 2);
    }
    return where + (ctx.conditional() ? "; one grid per digit given to the decoder, the same points in each." : ".");
  }
}
