package org.vae4j.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import org.vae4j.UsageError;
import org.vae4j.data.Dataset;
import org.vae4j.data.DatasetProvider;
import org.vae4j.data.FolderOptions;
import org.vae4j.data.ImageFolder;
import org.vae4j.data.ImageSize;
import picocli.CommandLine.Option;

/** --dataset and --data (four IDX files, or a folder of images with --image-size and --test-fraction). */
final class DatasetOptions {
  static final String DEFAULT_DATASET = "mnist";

  @Option(names = "--dataset", description = "mnist or fashion-mnist (default: " + DEFAULT_DATASET + ")")
  String name;

  @Option(names = "--data", paramLabel = "DIR", description = "Folder holding the four IDX files (.gz or raw), "
      + "or a folder of images (PNG, JPEG, GIF, BMP; a folder per class, or none for no labels; train/ and test/ "
      + "folders, or a split by --test-fraction); otherwise $VAE4J_DATA, the user cache, the Debian package "
      + "folder, a download")
  Path dir;

  @Option(names = "--image-size", paramLabel = "WxH", description = "Resize the images of a --data folder to WxH "
      + "pixels by area averaging (default: the first image's size, which all must have)")
  String imageSize;

  @Option(names = "--test-fraction", paramLabel = "F", description = "Of a --data folder of images without train/ "
      + "and test/ folders, the fraction of each class to test on, drawn with a fixed seed (default: "
      + FolderOptions.DEFAULT_TEST_FRACTION + ")")
  Double testFraction;

  /** Whether --data is a folder of image files. */
  boolean isImageFolder() {
    return dir != null && ImageFolder.isImageFolder(dir);
  }

  /** The dataset's name: --dataset's, or a folder of images' own name. */
  String datasetName() {
    return isImageFolder() ? ImageFolder.name(dir) : name != null ? name : DEFAULT_DATASET;
  }

  Dataset load(PrintStream log) {
    if (isImageFolder()) {
      if (name != null) {
        throw new UsageError("--dataset " + name + " names a dataset of IDX files, but --data " + dir
            + " is a folder of images; leave out --dataset");
      }
      return ImageFolder.read(dir, new FolderOptions(imageSize == null ? null : ImageSize.parse(imageSize),
          testFraction), log);
    }
    if (imageSize != null || testFraction != null) {
      throw new UsageError((imageSize != null ? "--image-size" : "--test-fraction") + " is for a --data folder of "
          + "images; " + (dir == null ? "there is none" : dir + " holds IDX files"));
    }
    return DatasetProvider.load(datasetName(), dir, log);
  }
}
