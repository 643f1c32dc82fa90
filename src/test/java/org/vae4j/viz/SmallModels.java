package org.vae4j.viz;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vae4j.data.ImageSet;
import org.vae4j.data.TestData;
import org.vae4j.model.Vae;
import org.vae4j.model.VaeConfig;
import org.vae4j.nn.JavaGemm;
import org.vae4j.nn.Rng;
import org.vae4j.train.EpochMetrics;
import org.vae4j.train.PlainProgress;
import org.vae4j.train.TrainOptions;
import org.vae4j.train.Trainer;

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
    Vae vae = new Vae(new VaeConfig(784, content ? 256 : 64, d), new JavaGemm(1));
    Rng rng = new Rng(5);
    vae.init(rng);
    List<EpochMetrics> epochs = new ArrayList<>();
    new Trainer(vae, new TrainOptions(content ? 3 : 1, 64, 1e-3, 5), rng,
        new PlainProgress(new PrintStream(OutputStream.nullOutputStream()))).train(train, test, (m, state) -> epochs.add(m));
    return new Trained(vae, test, epochs);
  }
}
