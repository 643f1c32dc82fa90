package org.vae4j.model;

/** The negative ELBO of a set of images, in nats per image, with its two parts. */
public record NelboEstimate(double nelbo, double recon, double kl) {}
