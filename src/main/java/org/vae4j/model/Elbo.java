package org.vae4j.model;

import org.vae4j.nn.GaussianLatent;

/**
 * The negative ELBO with the KL term weighted by beta: per image -log p(x | z) + beta KL(q(z | x) || N(0, I)),
 * one z sampled by the reparameterization, the KL analytic; a batch's loss is the mean over its images.
 * beta = 1 is the lab reports' loss, the negative ELBO itself; beta > 1 is the beta-VAE (Higgins et al. 2017),
 * and a beta that grows from 0 over the first epochs is KL warm-up (Bowman et al. 2016; Sonderby et al. 2016).
 */
public final class Elbo implements Objective {
  private final Vae vae;
  private final int d;
  private double beta;
  private float[] z = new float[0];   // (B, d)
  private float[] std = new float[0]; // (B, d) exp(logvar / 2), for backward
  private float[] dz = new float[0];  // (B, d)
  private double[] klPerImage = new double[0]; // (B)
  private float[] x;      // (B, P) the last forward's input, not owned
  private float[] eps;    // (B, d) the last forward's noise, not owned
  private int batch;
  private double reconSum;
  private double klSum;

  public Elbo(Vae vae, double beta) {
    if (!(beta >= 0) || Double.isInfinite(beta)) {
      throw new IllegalArgumentException("beta must be a finite number >= 0, got " + beta);
    }
    this.vae = vae;
    this.d = vae.latent();
    this.beta = beta;
  }

  /** The plain negative ELBO, beta = 1. */
  public Elbo(Vae vae) {
    this(vae, 1);
  }

  /** Changes the KL weight from the next forward on, for a warm-up schedule. */
  public void setBeta(double beta) {
    this.beta = beta;
  }

  public double beta() {
    return beta;
  }

  @Override
  public int samples() {
    return 1;
  }

  @Override
  public Vae vae() {
    return vae;
  }

  @Override
  public double forward(float[] x, int[] labels, float[] eps, int batch) {
    ensureCapacity(batch);
    vae.encode(x, labels, batch);
    int n = batch * d;
    GaussianLatent.reparameterize(z, std, vae.mean(), vae.logvar(), eps, n, vae.parallel());
    vae.decodeParameters(z, labels, batch);
    reconSum = sum(vae.reconstructionLoss(x, batch), batch);
    klSum = GaussianLatent.kl(klPerImage, vae.mean(), vae.logvar(), batch, d, vae.parallel());
    this.x = x;
    this.eps = eps;
    this.batch = batch;
    return (reconSum + beta * klSum) / batch;
  }

  @Override
  public void zeroGrad() {
    vae.zeroGrad();
    vae.parallel().zero(dz);
  }

  @Override
  public void backward() {
    int n = batch * d;
    float scale = 1f / batch;
    vae.reconstructionBackward(x, scale);
    vae.decoderBackward(dz);
    GaussianLatent.backward(vae.meanGrad(), vae.logvarGrad(), dz, std, eps, vae.mean(), vae.logvar(), n,
        (float) beta * scale, vae.parallel());
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

  /** The last forward's z: (B, d). */
  public float[] z() {
    return z;
  }

  private void ensureCapacity(int batch) {
    if (klPerImage.length < batch) {
      z = new float[batch * d];
      std = new float[batch * d];
      dz = new float[batch * d];
      klPerImage = new double[batch];
    }
  }

  static double sum(double[] values, int n) {
    double total = 0;
    for (int i = 0; i < n; i++) {
      total += values[i];
    }
    return total;
  }
}
