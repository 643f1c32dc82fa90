package org.vae4j.viz;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.vae4j.nn.Rng;

/**
 * Images decoded from z drawn from the prior N(0, I): a SIDE x SIDE grid; for a conditional model one row
 * per digit and one column per z, so that each column holds one style across the digits.
 */
final class PriorSamplesFigure implements FigureMaker {
  static final int SIDE = 10;

  @Override
  public String name() {
    return Figures.PRIOR_SAMPLES;
  }

  @Override
  public List<Figure> write(FigureContext ctx, Path dir) {
    String caption = ctx.conditional()
        ? String.format(Locale.ROOT, "One row per digit given to the decoder and one column per z drawn from the "
            + "prior N(0, I) (seed %d), the same z down each column: the label sets the digit, z the style. "
            + "Shown as Bernoulli means.", ctx.seed)
        : String.format(Locale.ROOT, "%d images decoded from z drawn from the prior N(0, I) (seed %d), shown as "
            + "Bernoulli means.", SIDE * SIDE, ctx.seed);
    return List.of(png(dir, "Prior samples", draw(ctx), caption));
  }

  BufferedImage draw(FigureContext ctx) {
    int rows = ctx.conditional() ? ctx.vae.classes() : SIDE;
    int n = rows * SIDE;
    int d = ctx.d;
    float[] z;
    int[] labels = null;
    if (ctx.conditional()) {
      float[] styles = ctx.model.prior(SIDE, new Rng(ctx.seed + 4));
      z = new float[n * d];
      labels = new int[n];
      for (int i = 0; i < n; i++) {
        System.arraycopy(styles, (i % SIDE) * d, z, i * d, d);
        labels[i] = i / SIDE;
      }
    } else {
      z = ctx.model.prior(n, new Rng(ctx.seed + 4));
    }
    float[] images = ctx.model.decode(z, labels, n);
    Tiles tiles = ctx.tiles(rows, SIDE);
    for (int i = 0; i < n; i++) {
      tiles.set(i / SIDE, i % SIDE, images, i * ctx.test.pixels());
    }
    if (ctx.conditional()) {
      String[] names = new String[rows];
      for (int r = 0; r < rows; r++) {
        names[r] = ctx.className(r);
      }
      tiles.rowLabels(names);
    }
    return tiles.render();
  }
}
