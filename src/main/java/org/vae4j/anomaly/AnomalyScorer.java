package org.vae4j.anomaly;

import java.util.EnumMap;
import java.util.Map;
import org.vae4j.UserError;
import org.vae4j.data.ImageSet;
import org.vae4j.eval.ImportanceSampling;
import org.vae4j.model.Bernoulli;
import org.vae4j.model.Vae;
import org.vae4j.nn.Rng;

/**
 * Scores images under a VAE of any kind: per image, the negative ELBO, the importance-weighted negative
 * log-likelihood with K samples and the reconstruction loss, all from the same K samples of q(z | x)
 * ({@link ImportanceSampling#estimateEach}); the NLL less the image's complexity (Serra et al. 2020), measured
 * by its pixels' entropy (for Bernoulli pixels) and by its PNG size; and, given a background model, minus the
 * log likelihood ratio
 * log p(x) - log p_background(x) (Ren et al. 2019). Both models draw the same noise (one seed), so the
 * ratio's sampling noise partly cancels. A conditional model scores p(x | y) and needs the labels.
 */
public final class AnomalyScorer {
  private final Vae model;
  private final Vae background;
  private final int samples;
  private final long seed;

  /** background may be null (no likelihood ratio); samples is K of the importance-weighted estimate. */
  public AnomalyScorer(Vae model, Vae background, int samples, long seed) {
    if (samples < 1) {
      throw new IllegalArgumentException("samples must be at least 1, got " + samples);
    }
    if (background != null && background.input() != model.input()) {
      throw new IllegalArgumentException("the background model takes " + background.input() + " pixels, the model "
          + model.input());
    }
    this.model = model;
    this.background = background;
    this.samples = samples;
    this.seed = seed;
  }

  /** The scores of every image; labelled says whether the set's labels are real (a conditional model needs them). */
  public AnomalyScores score(ImageSet images, boolean labelled) {
    if (images.rows() != model.spec().rows() || images.cols() != model.spec().cols()) {
      throw new UserError("images of " + images.rows() + "x" + images.cols() + " pixels, but the model takes "
          + model.spec().rows() + "x" + model.spec().cols());
    }
    long start = System.nanoTime();
    int n = images.count();
    double[] nelbo = new double[n];
    double[] nll = new double[n];
    double[] reconstruction = new double[n];
    estimate(model, images, labelled, (i, e) -> {
      nelbo[i] = e.nelbo();
      nll[i] = e.nll();
      reconstruction[i] = e.reconstruction();
    });
    Map<Score, double[]> values = new EnumMap<>(Score.class);
    values.put(Score.NELBO, nelbo);
    values.put(Score.NLL, nll);
    values.put(Score.RECONSTRUCTION, reconstruction);
    if (model.likelihood() == Bernoulli.INSTANCE) {
      double[] corrected = new double[n];
      for (int i = 0; i < n; i++) {
        corrected[i] = nll[i] - InputComplexity.pixelEntropy(images, i);
      }
      values.put(Score.ENTROPY_CORRECTED, corrected);
    }
    double[] png = new double[n];
    InputComplexity.PngSize size = new InputComplexity.PngSize(images.rows(), images.cols());
    for (int i = 0; i < n; i++) {
      png[i] = nll[i] / Math.log(2) - size.bits(images, i);
    }
    values.put(Score.PNG_CORRECTED, png);
    if (background != null) {
      double[] ratio = new double[n];
      estimate(background, images, labelled, (i, e) -> ratio[i] = nll[i] - e.nll());
      values.put(Score.LIKELIHOOD_RATIO, ratio);
    }
    return new AnomalyScores(values, (System.nanoTime() - start) / 1e9);
  }

  private void estimate(Vae vae, ImageSet images, boolean labelled, ImportanceSampling.EachImage out) {
    if (vae.conditional() && !labelled) {
      throw new UserError("a conditional model (" + vae.spec().kind() + ") scores p(x | label) and needs each "
          + "image's label, but the images have none");
    }
    new ImportanceSampling(samples, new Rng(seed)).estimateEach(vae, images::toFloats,
        vae.conditional() ? images::labels : null, images.count(), out);
  }
}
