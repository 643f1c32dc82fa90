package org.vae4j.train;

import org.vae4j.model.ModelSpec;
import org.vae4j.model.ObjectiveSpec;

/** Run configurations for tests. */
public final class TestRuns {
  private TestRuns() {}

  /** A run of spec with the plain -ELBO for the given epochs, on 100 training and 100 test images. */
  public static RunConfig config(ModelSpec spec, int epochs) {
    return new RunConfig("mnist", null, spec, ObjectiveSpec.NELBO, new TrainOptions(epochs, 8, 1e-3, 1), 1, "java",
        100, 100, "17");
  }

  /** One epoch's metrics with the given numbers, the trained objective being the -ELBO. */
  public static EpochMetrics epoch(int epoch, double trainNelbo, double testNelbo, double testRecon, double testKl,
                                   double seconds, double imagesPerSecond, double trainRecon, double trainKl) {
    return new EpochMetrics(epoch, trainNelbo, testNelbo, testRecon, testKl, seconds, imagesPerSecond, trainRecon,
        trainKl, trainNelbo, testNelbo);
  }
}
