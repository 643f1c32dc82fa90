package org.vae4j.model;

import org.vae4j.nn.Parallel;
import org.vae4j.nn.SigmoidBce;

/**
 * Independent Bernoulli pixels with logits l: -log p(x | l) is the binary cross-entropy of sigmoid(l)
 * against x in [0, 1] (grey x too, as in the lab reports), and the mean is sigmoid(l).
 */
public final class Bernoulli implements Likelihood {
  public static final Bernoulli INSTANCE = new Bernoulli();

  private Bernoulli() {}

  @Override
  public String name() {
    return "bernoulli";
  }

  @Override
  public void nll(double[] nll, float[] mean, float[] work, float[] logits, float[] x, int from, int to,
                  int pixels) {
    SigmoidBce.forward(nll, mean, work, logits, x, from, to, pixels);
  }

  @Override
  public boolean nll(double[] nll, float[] spare, float[] work, float[] logits, float[] x, int repeats, int from,
                     int to, int pixels) {
    SigmoidBce.loss(nll, spare, work, logits, x, repeats, from, to, pixels);
    return true;
  }

  @Override
  public void backward(float[] dlogits, float[] mean, float[] x, float[] rowScale, int batch, int pixels,
                       Parallel parallel) {
    SigmoidBce.backward(dlogits, mean, x, rowScale, batch, pixels, true, parallel);
  }

  @Override
  public void backward(float[] dlogits, float[] mean, float[] x, int n, float scale, Parallel parallel) {
    SigmoidBce.backward(dlogits, mean, x, n, scale, true, parallel);
  }

  @Override
  public void backward(float[] dlogits, float[] mean, float[] x, float[] rowScale, int batch, int pixels, boolean add,
                       Parallel parallel) {
    SigmoidBce.backward(dlogits, mean, x, rowScale, batch, pixels, add, parallel);
  }

  @Override
  public void backward(float[] dlogits, float[] mean, float[] x, int n, float scale, boolean add, Parallel parallel) {
    SigmoidBce.backward(dlogits, mean, x, n, scale, add, parallel);
  }

  @Override
  public void mean(float[] mean, float[] logits, int n) {
    for (int i = 0; i < n; i++) {
      mean[i] = (float) (1.0 / (1.0 + Math.exp(-logits[i])));
    }
  }
}
