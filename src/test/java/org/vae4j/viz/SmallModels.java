package org.vae4j.viz;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vae4j.data.ImageSet;
import org.vae4j.data.Binarization;
import org.vae4j.data.TestData;
import org.vae4j.model.Elbo;
import org.vae4j.model.LossEvaluator;
import org.vae4j.model.ModelSpec;
import org.vae4j.model.ObjectiveSpec;
import org.vae4j.model.Vae;
import org.vae4j.nn.JavaGemm;
import org.vae4j.nn.Rng;
import org.vae4j.train.EpochMetrics;
import org.vae4j.train.Progress;
import org.vae4j.train.TestRuns;
import org.vae4j.train.Trainer;
import org.vae4j.train.VaeTraining;

/**
 * Briefly trained small models on real MNIST, made once per test JVM: d = 10 gets 3 epochs on 6,000 images
 * (enough for recognizable reconstructions); other sizes, used for sizes and colours only, 1 epoch on 2,000.
 */
final class SmallModels {
  record Trained(Vae vae, ImageSet test, List<EpochMetrics> epochs) {}

  private static final Map<Integer, Trained> MODELS = new HashMap<>();

  private SmallModels() {}

  static synchronized ImageSet test() {
    return TestData.mnist().test().first(1000);
  }

  static synchronized Trained latent(int d) {
    return MODELS.computeIfAbsent(d, SmallModels::train);
  }

  private static Trained train(int d) {
    boolean content = d == 10;
    ImageSet train = TestData.mnist().train().first(content ? 6000 : 2000);
    ImageSet test = test();
    Vae vae = new Vae(ModelSpec.mlp(28, 28, content ? 256 : 64, d).architecture(), new JavaGemm(1));
    Rng rng = new Rng(5);
    vae.init(rng);
    Elbo elbo = new Elbo(vae);
    VaeTraining task = new VaeTraining(elbo, ObjectiveSpec.NELBO, Binarization.NONE, 1);
    List<EpochMetrics> epochs = new ArrayList<>();
    new Trainer(task, content ? 3 : 1, 64, 1e-3, 0, Trainer.Schedule.CONSTANT, rng, Progress.NONE)
        .train(train, stats -> {
          LossEvaluator.Estimate e = new LossEvaluator(64, rng).evaluate(elbo, test);
          epochs.add(TestRuns.epoch(stats.epoch(), stats.meanLoss(), e.loss(), e.recon(), e.kl(), stats.seconds(),
              stats.imagesPerSecond(), Double.NaN, Double.NaN));
        });
    return new Trained(vae, test, epochs);
  }
}
