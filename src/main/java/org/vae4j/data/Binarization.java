package org.vae4j.data;

import java.util.Locale;
import org.vae4j.InvalidSetting;

/**
 * How grey pixels in [0, 1] become the Bernoulli targets the model is trained and evaluated on. NONE keeps
 * them grey (the lab reports' setting). The literature's likelihoods are on binary pixels: STATIC draws
 * each pixel once, 1 with probability x / 255, and keeps that one binary set; DYNAMIC draws the training
 * pixels anew every time an image is batched. Both evaluate on one fixed draw of the test set, so numbers
 * are reproducible and comparable between the two.
 */
public enum Binarization {
  NONE, DYNAMIC, STATIC;

  /** Seeds of the fixed draws, documented in the README so that anyone can reproduce the sets. */
  public static final long TRAIN_SEED = 1_234_567L;
  public static final long TEST_SEED = 7_654_321L;

  /** The option value, e.g. "dynamic". */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a setting's value; the message lists the choices. */
  public static Binarization parse(String value) {
    for (Binarization b : values()) {
      if (b.value().equals(value)) {
        return b;
      }
    }
    throw new InvalidSetting("binarize", "must be none, dynamic or static, got '" + value + "'");
  }

  /** The training images as stored: binary for STATIC; DYNAMIC binarizes each batch when it is drawn. */
  public ImageSet trainImages(ImageSet train) {
    return this == STATIC ? fixedTrainImages(train) : train;
  }

  /** The test images every evaluation uses: one fixed binary draw unless NONE. */
  public ImageSet testImages(ImageSet test) {
    return this == NONE ? test : test.binarized(TEST_SEED);
  }

  /** The training images as evaluations see them (e.g. to fit a classifier to codes): fixed, like the test. */
  public ImageSet fixedTrainImages(ImageSet train) {
    return this == NONE ? train : train.binarized(TRAIN_SEED);
  }

  /** Whether each training batch must be binarized as it is drawn. */
  public boolean perBatch() {
    return this == DYNAMIC;
  }
}
