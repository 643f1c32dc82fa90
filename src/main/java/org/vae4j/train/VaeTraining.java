package org.vae4j.train;

import org.vae4j.data.Binarization;
import org.vae4j.model.Elbo;
import org.vae4j.model.Objective;
import org.vae4j.model.ObjectiveSpec;
import org.vae4j.nn.Parallel;
import org.vae4j.nn.Parameters;
import org.vae4j.nn.Rng;

/**
 * A VAE's training step for the loop: binarizes the batch anew when training is dynamically binarized,
 * sets the KL weight of the step during a warm-up, draws eps and runs the objective. It also sums the
 * batches' reconstruction and KL terms over an epoch.
 */
public final class VaeTraining implements TrainingTask {
  private final Objective objective;
  private final ObjectiveSpec spec;
  private final Binarization binarization;
  private final long stepsPerEpoch;
  private final int latent;
  private float[] eps = new float[0]; // (B * samples, d)
  private double[] uniforms = new double[0]; // (B * samples * d + 1): the draws eps is made from
  private double reconSum;
  private double klSum;

  /** spec: what objective computes (its KL warm-up, if any, needs stepsPerEpoch). */
  public VaeTraining(Objective objective, ObjectiveSpec spec, Binarization binarization, long stepsPerEpoch) {
    this.objective = objective;
    this.spec = spec;
    this.binarization = binarization;
    this.stepsPerEpoch = stepsPerEpoch;
    this.latent = objective.vae().latent();
  }

  @Override
  public Parameters parameters() {
    return objective.vae().parameters();
  }

  @Override
  public Parallel parallel() {
    return objective.vae().parallel();
  }

  @Override
  public void prepare(float[] x, int[] labels, int batch, Rng rng) {
    if (binarization.perBatch()) {
      rng.sampleBernoulli(x, batch * objective.vae().input());
    }
  }

  @Override
  public double forward(float[] x, int[] labels, int batch, Rng rng, long step) {
    if (spec.klWarmup() > 0 && objective instanceof Elbo elbo) {
      elbo.setBeta(spec.betaAt(step, stepsPerEpoch));
    }
    int n = batch * objective.samples() * latent;
    if (eps.length < n) {
      eps = new float[n];
      uniforms = new double[n + 1];
    }
    rng.fillGaussian(eps, 0, n, uniforms, objective.vae().parallel());
    double loss = objective.forward(x, labels, eps, batch);
    reconSum += objective.reconSum();
    klSum += objective.klSum();
    return loss;
  }

  @Override
  public void zeroGrad() {
    objective.zeroGrad();
  }

  @Override
  public void backward() {
    objective.backward();
  }

  /** The reconstruction and KL terms summed over the batches since the last call: {recon, kl}. */
  double[] takeSums() {
    double[] sums = {reconSum, klSum};
    reconSum = 0;
    klSum = 0;
    return sums;
  }
}
