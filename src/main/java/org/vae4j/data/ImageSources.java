package org.vae4j.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.vae4j.AtomicFile;
import org.vae4j.PathCheck;
import org.vae4j.UserError;

/**
 * Opens the images a command scores from one path: an IDX images file (gzip or raw), with an IDX labels
 * file beside it when one is given; or a folder holding a dataset's IDX files, of which the test pair
 * (t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte) is read. A folder without that pair is refused,
 * saying how many entries it holds: no file in it is guessed at. Other kinds of source (a folder of
 * PNG files) belong here, as another branch of {@link #open}.
 */
public final class ImageSources {
  private ImageSources() {}

  /**
   * The images at path, labelled from labels when that is not null. option names the argument in
   * messages ("--images").
   */
  public static ImageSource open(String option, Path path, Path labels) {
    if (labels != null) {
      PathCheck.requireFile(labels, option.replace("images", "labels") + " " + labels + ": no such file");
    }
    if (Files.isDirectory(path)) {
      return folder(option, path, labels);
    }
    PathCheck.requireFile(path, option + " " + path + ": no such file or folder");
    return file(path, labels);
  }

  private static ImageSource file(Path images, Path labels) {
    ImageSet set = labels == null ? IdxReader.readUnlabelled(images) : IdxReader.read(images, labels);
    String description = images + (labels == null ? " (no labels)" : " with labels " + labels);
    return new ImageSource(description, set, labels != null, null);
  }

  private static ImageSource folder(String option, Path dir, Path labels) {
    String problem = PathCheck.whyNotAFolder(dir);
    if (problem != null) {
      throw new UserError(option + " " + dir + ": " + problem);
    }
    Path images = DatasetFolder.find(dir, DatasetFolder.TEST_IMAGES);
    if (images == null) {
      throw new UserError(option + " " + dir + ": no " + DatasetFolder.TEST_IMAGES + "(.gz) there (" + entries(dir)
          + "); give an IDX images file, or a folder holding a dataset's IDX test pair");
    }
    Path folderLabels = labels != null ? labels : DatasetFolder.find(dir, DatasetFolder.TEST_LABELS);
    return file(images, folderLabels);
  }

  private static String entries(Path dir) {
    try (Stream<Path> list = Files.list(dir)) {
      long n = list.count();
      return n == 0 ? "the folder is empty" : "it holds " + n + (n == 1 ? " entry" : " entries")
          + ", none of which is read";
    } catch (IOException e) {
      throw new UserError(dir + ": cannot list the folder: " + AtomicFile.reason(e));
    }
  }
}
