package org.vae4j.train;

/** What the training loop reports as it goes; a terminal shows a bar, a log gets one line per epoch. */
public interface Progress {
  void epochStarted(int epoch, int epochs, int images);

  /** Called after every batch; must be cheap. */
  void batchDone(int images, double loss);

  void epochDone(EpochMetrics metrics, int epochs);

  /** Training stopped inside an epoch (divergence, a failed write): end any open display. */
  default void aborted() {}
}
