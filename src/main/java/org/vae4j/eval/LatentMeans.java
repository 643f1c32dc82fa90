package org.vae4j.eval;

import org.vae4j.data.ImageSet;
import org.vae4j.model.LatentGaussianModel;

/** The posterior means E_q[z|x] of a whole image set: the codes that latent-space metrics work on. */
public final class LatentMeans {
  private static final int BATCH = 1000;

  private LatentMeans() {}

  // images: N of P pixels -> (N, d) means (given each image's label, for a conditional model)
  public static float[] of(LatentGaussianModel model, ImageSet images) {
    int n = images.count();
    int d = model.latent();
    float[] means = new float[n * d];
    float[] x = new float[BATCH * images.pixels()];
    float[] mean = new float[BATCH * d];
    float[] logvar = new float[BATCH * d];
    int[] labels = images.hasLabels() ? new int[BATCH] : null; // a model that needs them has them
    for (int from = 0; from < n; from += BATCH) {
      int b = Math.min(BATCH, n - from);
      images.toFloats(from, b, x);
      if (labels != null) {
        images.labels(from, b, labels);
      }
      model.posterior(x, labels, b, mean, logvar);
      System.arraycopy(mean, 0, means, from * d, b * d);
    }
    return means;
  }

  /** The labels of a set's images, in order. */
  public static int[] labels(ImageSet images) {
    int[] labels = new int[images.count()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = images.label(i);
    }
    return labels;
  }
}
