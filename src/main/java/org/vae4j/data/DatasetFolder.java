package org.vae4j.data;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.vae4j.PathCheck;
import org.vae4j.UserError;

/** The four standard IDX file names, and finding them, gzip-compressed or raw, in a folder. */
final class DatasetFolder {
  static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
  static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
  static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
  static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
  static final List<String> FILES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

  private DatasetFolder() {}

  /** The file called name or name.gz in dir, or null. */
  static Path find(Path dir, String name) {
    for (Path file : List.of(dir.resolve(name), dir.resolve(name + ".gz"))) {
      if (Files.isRegularFile(file)) {
        return file;
      }
    }
    return null;
  }

  /** The standard names that dir lacks, in {@link #FILES} order. */
  static List<String> missing(Path dir) {
    return FILES.stream().filter(name -> find(dir, name) == null).toList();
  }

  /**
   * Why dir cannot serve (e.g. "missing t10k-labels-idx1-ubyte(.gz)", "train-images-idx3-ubyte: a folder, not
   * a file"), or null when it holds all four.
   */
  static String problem(Path dir) {
    String folder = PathCheck.whyNotAFolder(dir);
    if (folder != null) {
      return folder;
    }
    List<String> missing = missing(dir);
    if (missing.isEmpty()) {
      return null;
    }
    for (Path file : List.of(dir.resolve(missing.get(0)), dir.resolve(missing.get(0) + ".gz"))) {
      if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        return file.getFileName() + ": " + PathCheck.whyNotAFile(file);
      }
    }
    return "missing " + missing.get(0) + "(.gz)";
  }

  static Dataset read(String name, Path dir) {
    ImageSet train = IdxReader.read(find(dir, TRAIN_IMAGES), find(dir, TRAIN_LABELS));
    Path testImages = find(dir, TEST_IMAGES);
    ImageSet test = IdxReader.read(testImages, find(dir, TEST_LABELS));
    if (test.rows() != train.rows() || test.cols() != train.cols()) {
      throw new UserError(testImages + ": images of " + test.rows() + "x" + test.cols() + " pixels, but the "
          + "training images in " + find(dir, TRAIN_IMAGES).getFileName() + " have " + train.rows() + "x"
          + train.cols());
    }
    return new Dataset(name, train, test);
  }
}
