package org.vae4j.train;

/** What the training loop reports as it goes; a terminal shows a bar, a log gets one line per epoch. */
public interface Progress {
  void epochStarted(int epoch, int epochs, int images);

  /** Called after every batch; must be cheap. */
  void batchDone(int images, double loss);

  /** objective: what the model is trained on when it is not the plain -ELBO (e.g. "IWAE (K = 5)"), else null. */
  void epochDone(EpochMetrics metrics, int epochs, String objective);

  /** Shows nothing, for training that reports otherwise (the digit classifier's). */
  Progress NONE = new Progress() {
    @Override
    public void epochStarted(int epoch, int epochs, int images) {}

    @Override
    public void batchDone(int images, double loss) {}

    @Override
    public void epochDone(EpochMetrics metrics, int epochs, String objective) {}
  };

  /** Training stopped inside an epoch (divergence, a failed write): end any open display. */
  default void aborted() {}
}
