package org.vae4j.viz;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.vae4j.model.Inference;
import org.vae4j.nn.Rng;

/**
 * Random test images in rows "input" and beneath each its reconstruction, decoded at z = the encoder's mean
 * or, sampled, at one z drawn from q(z|x); in BANDS bands of COLUMNS images.
 */
final class ReconstructionsFigure implements FigureMaker {
  static final int COLUMNS = 10;
  static final int BANDS = 2;
  private final boolean sampled;

  ReconstructionsFigure(boolean sampled) {
    this.sampled = sampled;
  }

  @Override
  public String name() {
    return sampled ? Figures.RECONSTRUCTIONS_SAMPLED : Figures.RECONSTRUCTIONS;
  }

  @Override
  public List<Figure> write(FigureContext ctx, Path dir) {
    int n = COLUMNS * BANDS;
    String caption = sampled
        ? String.format(Locale.ROOT, "The same %d test images as the reconstructions, decoded at one z drawn from "
            + "q(z|x) = N(mean, exp(logvar)) each instead of at the mean (seed %d).", n, ctx.seed)
        : String.format(Locale.ROOT, "%d test images picked at random (seed %d) in the rows 'input', and beneath "
            + "each its reconstruction: the decoder's Bernoulli means at z = the encoder's mean.", n, ctx.seed);
    return List.of(png(dir, sampled ? "Reconstructions at sampled z" : "Reconstructions", draw(ctx),
        ctx.conditional() ? caption + " The model is given each image's label." : caption));
  }

  /** The test images shown, in grid order (row-major within each band). */
  static int[] images(FigureContext ctx) {
    return ctx.pick(new Rng(ctx.seed), COLUMNS * BANDS);
  }

  BufferedImage draw(FigureContext ctx) {
    int n = COLUMNS * BANDS;
    int[] images = images(ctx);
    float[] x = ctx.pixels(images);
    int[] labels = ctx.labels(images);
    Inference.Posterior q = ctx.model.encode(x, labels, n);
    float[] z = sampled ? ctx.model.sample(q, n, new Rng(ctx.seed + 1)) : q.mean();
    float[] recon = ctx.model.decode(z, labels, n);
    Tiles tiles = ctx.tiles(2 * BANDS, COLUMNS);
    String[] rowLabels = new String[2 * BANDS];
    int p = ctx.test.pixels();
    for (int band = 0; band < BANDS; band++) {
      rowLabels[2 * band] = "input";
      rowLabels[2 * band + 1] = sampled ? "recon (z sampled)" : "recon";
      for (int c = 0; c < COLUMNS; c++) {
        int i = band * COLUMNS + c;
        tiles.set(2 * band, c, x, i * p).set(2 * band + 1, c, recon, i * p);
      }
    }
    return tiles.rowLabels(rowLabels).render();
  }
}
