package org.vae4j.data;

/**
 * A named pair of training and test sets, e.g. "mnist" with 60,000 and 10,000 images; for a folder of image
 * files, how it was read (else null).
 */
public record Dataset(String name, ImageSet train, ImageSet test, FolderOptions folder) {
  /** A dataset of IDX files. */
  public Dataset(String name, ImageSet train, ImageSet test) {
    this(name, train, test, null);
  }
}
