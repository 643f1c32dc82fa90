package org.vae4j.viz;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.vae4j.nn.Rng;

/**
 * The encoder means of every test image, coloured by digit: the plane itself for d = 2, the first two
 * principal components for d > 2, and for d = 1 the one dimension against the digit, jittered.
 */
final class LatentScatterFigure implements FigureMaker {
  @Override
  public String name() {
    return Figures.LATENT_SCATTER;
  }

  @Override
  public List<Figure> write(FigureContext ctx, Path dir) {
    int n = ctx.test.count();
    int d = ctx.d;
    float[] means = ctx.testMeans();
    int[] order = ctx.pick(new Rng(ctx.seed + 2), n); // a shuffled drawing order: no digit is painted over all others
    float[] xy = new float[2 * n];
    boolean labelled = ctx.test.hasLabels();
    int[] labels = labelled ? new int[n] : null;
    Pca pca = d > 2 ? new Pca(means, n, d, 2) : null;
    float[] projected = pca != null ? pca.project(means, n) : null;
    Rng jitter = new Rng(ctx.seed + 3);
    for (int k = 0; k < n; k++) {
      int i = order[k];
      if (labelled) {
        labels[k] = ctx.test.label(i);
      }
      if (d == 1) {
        xy[2 * k] = means[i];
        xy[2 * k + 1] = (labelled ? labels[k] : 0) + jitter.uniform(0.3f);
      } else if (d == 2) {
        xy[2 * k] = means[2 * i];
        xy[2 * k + 1] = means[2 * i + 1];
      } else {
        xy[2 * k] = projected[2 * i];
        xy[2 * k + 1] = projected[2 * i + 1];
      }
    }
    String title;
    String xLabel;
    String yLabel;
    String how;
    if (d == 1) {
      title = "Test-set means, d = 1";
      xLabel = "z1";
      yLabel = (labelled ? "label" : "nothing") + " (jittered)";
      how = "the one latent dimension against the " + (labelled ? "label" : "images' index") + ", jittered";
    } else if (d == 2) {
      title = "Test-set means, d = 2";
      xLabel = "z1";
      yLabel = "z2";
      how = "z1 against z2";
    } else {
      title = "Test-set means, d = " + d + ", PCA to 2-D";
      xLabel = String.format(Locale.ROOT, "PC1 (%.0f%% of variance)", 100 * pca.varianceShare(0));
      yLabel = String.format(Locale.ROOT, "PC2 (%.0f%% of variance)", 100 * pca.varianceShare(1));
      how = String.format(Locale.ROOT, "projected by PCA onto their first two principal components, which hold "
          + "%.0f%% and %.0f%% of the %d-dimensional means' variance", 100 * pca.varianceShare(0),
          100 * pca.varianceShare(1), d);
    }
    List<String> names = ctx.test.classNames();
    if (labelled && names.isEmpty()) {
      names = java.util.stream.IntStream.range(0, ctx.test.classes()).mapToObj(String::valueOf).toList();
    }
    String kind = ctx.test.classNames().isEmpty() ? "digit" : "class";
    BufferedImage image = LatentScatter.draw(xy, labels, names, kind, n, title, xLabel, yLabel);
    String caption = String.format(Locale.ROOT, "The encoder means of all %,d test images, %s, %s.%s", n,
        labelled ? "coloured by their " + kind + " label" : "which have no labels", how, ctx.conditional()
            ? " The encoder is given the label, so z holds what the label does not say: the digits mix." : "");
    return List.of(png(dir, "Latent space", image, caption));
  }
}
