package org.vae4j.train;

import java.io.PrintStream;
import java.util.Locale;

/** One line per epoch, for logs and pipes. */
public final class PlainProgress implements Progress {
  private final PrintStream out;

  public PlainProgress(PrintStream out) {
    this.out = out;
  }

  @Override
  public void epochStarted(int epoch, int epochs, int images) {}

  @Override
  public void batchDone(int images, double loss) {}

  @Override
  public void epochDone(EpochMetrics m, int epochs, String objective) {
    out.println(line(m, epochs, objective));
    out.flush();
  }

  /** "epoch 3/50  train -ELBO ...", with the objective's train and test values first when it is another. */
  static String line(EpochMetrics m, int epochs, String objective) {
    int width = String.valueOf(epochs).length();
    String trained = objective == null ? "" : String.format(Locale.ROOT, "  %s train %.2f test %.2f", objective,
        m.trainObjective(), m.testObjective());
    return String.format(Locale.ROOT,
        "epoch %" + width + "d/%d%s  train -ELBO %.2f  test -ELBO %.2f (recon %.2f + KL %.2f)  %.1f s  %.0f img/s",
        m.epoch(), epochs, trained, m.trainNelbo(), m.testNelbo(), m.testRecon(), m.testKl(), m.seconds(),
        m.imagesPerSecond());
  }
}
