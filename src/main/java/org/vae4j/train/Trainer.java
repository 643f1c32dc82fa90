package org.vae4j.train;

import java.util.function.Consumer;
import org.vae4j.data.ImageSet;
import org.vae4j.model.NelboEstimate;
import org.vae4j.model.NelboEvaluator;
import org.vae4j.model.Vae;
import org.vae4j.nn.Adam;
import org.vae4j.nn.Rng;

/**
 * The training loop: each epoch shuffles the training set, runs forward, backward and an Adam step per
 * batch, then measures the test negative ELBO. One seeded Rng drives shuffling and eps (and, before this,
 * the initialization), so a run is reproducible.
 */
public final class Trainer {
  private final Vae vae;
  private final TrainOptions options;
  private final Rng rng;
  private final Adam adam;
  private final Progress progress;

  public Trainer(Vae vae, TrainOptions options, Rng rng, Progress progress) {
    this.vae = vae;
    this.options = options;
    this.rng = rng;
    this.progress = progress;
    this.adam = new Adam(vae.parameters().size(), options.learningRate(), vae.parallel());
  }

  /**
   * Trains for options.epochs() epochs; afterEpoch sees each epoch's metrics (e.g. to save files).
   * Returns the last epoch's metrics.
   */
  public EpochMetrics train(ImageSet train, ImageSet test, Consumer<EpochMetrics> afterEpoch) {
    int n = train.count();
    int batch = options.batch();
    int latent = vae.config().latent();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    float[] x = new float[batch * train.pixels()];
    float[] eps = new float[batch * latent];
    float[] params = vae.parameters().values();
    float[] grads = vae.parameters().grads();
    NelboEvaluator evaluator = new NelboEvaluator(batch, rng);
    EpochMetrics metrics = null;
    for (int epoch = 1; epoch <= options.epochs(); epoch++) {
      progress.epochStarted(epoch, options.epochs(), n);
      rng.shuffle(order);
      long start = System.nanoTime();
      double lossSum = 0;
      double reconSum = 0;
      double klSum = 0;
      for (int from = 0; from < n; from += batch) {
        int b = Math.min(batch, n - from);
        train.toFloats(order, from, b, x);
        rng.fillGaussian(eps, 0, b * latent);
        double loss = vae.forward(x, eps, b);
        vae.zeroGrad();
        vae.backward();
        adam.step(params, grads);
        lossSum += loss * b;
        reconSum += vae.reconSum();
        klSum += vae.klSum();
        progress.batchDone(b, loss);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      NelboEstimate testNelbo = evaluator.evaluate(vae, test);
      metrics = new EpochMetrics(epoch, lossSum / n, testNelbo.nelbo(), testNelbo.recon(),
          testNelbo.kl(), seconds, n / seconds, reconSum / n, klSum / n);
      progress.epochDone(metrics, options.epochs());
      afterEpoch.accept(metrics);
    }
    return metrics;
  }
}
