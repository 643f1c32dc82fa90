package org.vae4j.train;

/**
 * Everything besides the parameters that the rest of a run depends on, after a finished epoch: Adam's
 * step count and moments m and v (P), the Rng's state, and the training set's order (N), which each
 * epoch shuffles further. Arrays handed to an {@link Trainer.EpochListener} are the trainer's own: valid
 * until training continues.
 */
public record TrainState(int epoch, long adamStep, float[] m, float[] v, long[] rng, int[] order) {}
