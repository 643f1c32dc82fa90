package org.vae4j.data;

import org.vae4j.InvalidSetting;

/**
 * How a folder of images is read: the size every image is brought to (null: the first image's, and all must
 * have it), and the fraction of each class set aside for testing when the folder has no train/ and test/
 * folders (null: {@link #DEFAULT_TEST_FRACTION}; a folder split by its train/ and test/ folders takes none).
 */
public record FolderOptions(ImageSize size, Double testFraction) {
  public static final double DEFAULT_TEST_FRACTION = 0.1;

  public FolderOptions {
    if (testFraction != null && !(testFraction > 0 && testFraction < 1)) {
      throw new InvalidSetting("test_fraction", "must be between 0 and 1, e.g. 0.1, got " + testFraction);
    }
  }
}
