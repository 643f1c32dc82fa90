package org.vae4j.train;

/**
 * One epoch's numbers, in nats per image: the mean training loss as trained, and the test negative ELBO
 * (one sampled z per image) with its reconstruction and KL parts; seconds and throughput of training; the
 * training loss's reconstruction and KL parts (last, so that older metrics files read the same).
 */
public record EpochMetrics(int epoch, double trainNelbo, double testNelbo, double testRecon, double testKl,
                           double seconds, double imagesPerSecond, double trainRecon, double trainKl) {}
