package org.vae4j.data;

/** A named pair of training and test sets, e.g. "mnist" with 60,000 and 10,000 images. */
public record Dataset(String name, ImageSet train, ImageSet test) {}
