package org.vae4j.train;

import org.vae4j.UserError;

/** Training met a NaN or infinite loss, gradient or parameter; nothing of the failed epoch was saved. */
public final class TrainingDiverged extends UserError {
  private static final long serialVersionUID = 1L;
  private final int epoch;
  private final boolean clipping;

  TrainingDiverged(String message, int epoch, boolean clipping) {
    super(message);
    this.epoch = epoch;
    this.clipping = clipping;
  }

  /** The epoch that failed; the ones before it completed. */
  public int epoch() {
    return epoch;
  }

  /** Whether the gradients were being clipped when it failed. */
  public boolean clipping() {
    return clipping;
  }

  /** The same failure, with more said about it (e.g. what was kept). */
  public TrainingDiverged withNote(String note) {
    return new TrainingDiverged(getMessage() + note, epoch, clipping);
  }
}
