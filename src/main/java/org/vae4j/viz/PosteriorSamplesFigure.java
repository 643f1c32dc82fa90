package org.vae4j.viz;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.vae4j.model.Inference;
import org.vae4j.nn.Rng;

/** Random test images, and right of each the decoded means of draws of z from its posterior q(z|x). */
final class PosteriorSamplesFigure implements FigureMaker {
  static final int IMAGES = 10;
  static final int SAMPLES_PER_IMAGE = 8;

  @Override
  public String name() {
    return Figures.POSTERIOR_SAMPLES;
  }

  @Override
  public List<Figure> write(FigureContext ctx, Path dir) {
    return List.of(png(dir, "Posterior samples", draw(ctx), String.format(Locale.ROOT, "%d test images picked at "
        + "random (left, seed %d) and right of each the decoded means of %d draws of z from its posterior q(z|x) "
        + "= N(mean, exp(logvar)).", IMAGES, ctx.seed, SAMPLES_PER_IMAGE)));
  }

  static int[] images(FigureContext ctx) {
    return ctx.pick(new Rng(ctx.seed + 5), IMAGES);
  }

  /** Column 0: the test image; then its posterior samples. */
  BufferedImage draw(FigureContext ctx) {
    int[] images = images(ctx);
    int n = images.length;
    int s = SAMPLES_PER_IMAGE;
    int d = ctx.d;
    float[] x = ctx.pixels(images);
    int[] labels = ctx.labels(images);
    Inference.Posterior q = ctx.model.encode(x, labels, n);
    float[] mean = new float[n * s * d];
    float[] logvar = new float[n * s * d];
    int[] repeated = labels == null ? null : new int[n * s];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < s; k++) {
        System.arraycopy(q.mean(), i * d, mean, (i * s + k) * d, d);
        System.arraycopy(q.logvar(), i * d, logvar, (i * s + k) * d, d);
        if (repeated != null) {
          repeated[i * s + k] = labels[i];
        }
      }
    }
    float[] z = ctx.model.sample(new Inference.Posterior(mean, logvar), n * s, new Rng(ctx.seed + 6));
    float[] decoded = ctx.model.decode(z, repeated, n * s);
    int p = ctx.test.pixels();
    Tiles tiles = ctx.tiles(n, 1 + s).gapAfter(0);
    for (int i = 0; i < n; i++) {
      tiles.set(i, 0, x, i * p);
      for (int k = 0; k < s; k++) {
        tiles.set(i, 1 + k, decoded, (i * s + k) * p);
      }
    }
    return tiles.render();
  }
}
