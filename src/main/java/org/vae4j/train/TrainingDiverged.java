package org.vae4j.train;

import org.vae4j.UserError;

/** Training met a NaN or infinite loss, gradient or parameter; nothing of the failed epoch was saved. */
public final class TrainingDiverged extends UserError {
  private static final long serialVersionUID = 1L;
  private final int epoch;

  TrainingDiverged(int epoch, String where, String what, boolean clipping) {
    super("training stopped in epoch " + epoch + where + ": " + what + " (try a smaller --lr"
        + (clipping ? "" : " or --clip, e.g. --clip 100") + ")");
    this.epoch = epoch;
  }

  /** The epoch that failed; the ones before it completed. */
  public int epoch() {
    return epoch;
  }
}
