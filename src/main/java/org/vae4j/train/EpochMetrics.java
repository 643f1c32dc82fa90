package org.vae4j.train;

/**
 * One epoch's numbers, in nats per image: the mean training -ELBO as trained, and the test negative ELBO
 * (one sampled z per image) with its reconstruction and KL parts; seconds and throughput of training; the
 * training -ELBO's reconstruction and KL parts; and the objective the model is trained on, on the training
 * batches as trained and on the test set (the -ELBO again for the plain -ELBO). Fields added later come
 * last, so that older metrics files read the same (their missing numbers as NaN).
 */
public record EpochMetrics(int epoch, double trainNelbo, double testNelbo, double testRecon, double testKl,
                           double seconds, double imagesPerSecond, double trainRecon, double trainKl,
                           double trainObjective, double testObjective) {}
