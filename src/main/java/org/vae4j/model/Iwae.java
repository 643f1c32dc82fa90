package org.vae4j.model;

import org.vae4j.nn.GaussianLatent;

/**
 * The importance-weighted bound (Burda, Grosse and Salakhutdinov 2016), trained directly: per image
 * -log (1/K) sum_k w_k with w_k = p(x | z_k) p(z_k) / q(z_k | x) and z_1..z_K drawn from q(z | x) by the
 * reparameterization; a batch's loss is the mean over its images. K = 1 is the negative ELBO with a sampled
 * KL; larger K is a tighter bound. The K samples of the batch go through the decoder as one batch of B K rows.
 *
 * <p>Gradient: with the normalized weights w~_k = w_k / sum_j w_j, d loss / d log w_k = -w~_k / B, and
 * log w_k = -nll(x | z_k) - z_k^2 / 2 + eps_k^2 / 2 + logvar / 2 (constants cancel), so through z_k it is
 * (w~_k / B) (d nll / d z_k + z_k), and through the explicit logvar term -w~_k / (2 B).
 */
public final class Iwae implements Objective {
  private final Vae vae;
  private final int k;
  private final int d;
  private final int p;
  private float[] z = new float[0];          // (B K, d)
  private float[] dz = new float[0];         // (B K, d)
  private float[] xRepeated = new float[0];  // (B K, P) each image K times
  private int[] labelsRepeated = new int[0]; // (B K)
  private double[] logWeights = new double[0]; // (B K)
  private float[] rowScale = new float[0];   // (B K) w~ / B
  private double[] klPerImage = new double[0]; // (B)
  private float[] eps;  // (B K, d) the last forward's noise, not owned
  private int batch;
  private double reconSum;
  private double klSum;

  public Iwae(Vae vae, int k) {
    if (k < 1) {
      throw new IllegalArgumentException("the IWAE bound needs K >= 1 samples, got " + k);
    }
    this.vae = vae;
    this.k = k;
    this.d = vae.latent();
    this.p = vae.input();
  }

  @Override
  public int samples() {
    return k;
  }

  @Override
  public Vae vae() {
    return vae;
  }

  @Override
  public double forward(float[] x, int[] labels, float[] eps, int batch) {
    ensureCapacity(batch);
    int rows = batch * k;
    vae.encode(x, labels, batch);
    float[] mean = vae.mean();
    float[] logvar = vae.logvar();
    for (int b = 0; b < batch; b++) {
      for (int s = 0; s < k; s++) {
        int r = b * k + s;
        logWeights[r] = ImportanceWeights.sample(z, eps, r, mean, logvar, b, d);
        System.arraycopy(x, b * p, xRepeated, r * p, p);
        labelsRepeated[r] = labels == null ? 0 : labels[b];
      }
    }
    vae.decodeParameters(z, labels == null ? null : labelsRepeated, rows);
    double[] nll = vae.reconstructionLoss(xRepeated, rows);
    double bound = 0;
    double recon = 0;
    for (int b = 0; b < batch; b++) {
      for (int s = 0; s < k; s++) {
        int r = b * k + s;
        logWeights[r] -= nll[r];
        recon += nll[r];
      }
      double logMean = ImportanceWeights.logMeanExp(logWeights, b * k, k);
      bound += logMean;
      double logSum = logMean + Math.log(k);
      for (int s = 0; s < k; s++) {
        int r = b * k + s;
        rowScale[r] = (float) (Math.exp(logWeights[r] - logSum) / batch);
      }
    }
    reconSum = recon / k;
    klSum = GaussianLatent.kl(klPerImage, mean, logvar, batch, d);
    this.eps = eps;
    this.batch = batch;
    return -bound / batch;
  }

  @Override
  public void zeroGrad() {
    vae.zeroGrad();
    vae.parallel().zero(dz);
  }

  @Override
  public void backward() {
    vae.reconstructionBackward(xRepeated, rowScale);
    vae.decoderBackward(dz);
    float[] logvar = vae.logvar();
    float[] dmean = vae.meanGrad();
    float[] dlogvar = vae.logvarGrad();
    for (int b = 0; b < batch; b++) {
      for (int j = 0; j < d; j++) {
        float std = (float) Math.exp(0.5 * logvar[b * d + j]);
        float dm = 0;
        float dlv = 0;
        for (int s = 0; s < k; s++) {
          int r = (b * k + s) * d + j;
          float g = dz[r] + rowScale[b * k + s] * z[r]; // the decoder's and the prior's pull on z
          dm += g;
          dlv += g * 0.5f * std * eps[r];
        }
        dmean[b * d + j] += dm;
        dlogvar[b * d + j] += dlv - 0.5f / batch;
      }
    }
    vae.encoderBackward();
  }

  @Override
  public double reconSum() {
    return reconSum;
  }

  @Override
  public double klSum() {
    return klSum;
  }

  private void ensureCapacity(int batch) {
    if (klPerImage.length >= batch) {
      return;
    }
    int rows = batch * k;
    z = new float[rows * d];
    dz = new float[rows * d];
    xRepeated = new float[rows * p];
    labelsRepeated = new int[rows];
    logWeights = new double[rows];
    rowScale = new float[rows];
    klPerImage = new double[batch];
  }
}
