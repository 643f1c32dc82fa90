package org.vae4j.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** Folders of image files made from IDX images, for the tests of folder datasets. */
public final class ImageFolders {
  /** Fashion-MNIST's classes by label, as folder names. */
  public static final List<String> FASHION_CLASSES = List.of("tshirt-top", "trouser", "pullover", "dress", "coat",
      "sandal", "shirt", "sneaker", "bag", "ankle-boot");

  private ImageFolders() {}

  /** The first n Fashion-MNIST training images as grey PNGs in a folder per class: dir/CLASS/00042.png. */
  public static Path fashionPngs(Path dir, int n) {
    ImageSet train = DatasetFolder.read("fashion-mnist", TestData.fashionMnistDir()).train();
    for (int i = 0; i < n; i++) {
      write(grey(train, i), dir.resolve(FASHION_CLASSES.get(train.label(i))).resolve(String.format("%05d.png", i)),
          "png");
    }
    return dir;
  }

  /** Image i of a set as an 8-bit grey image. */
  public static BufferedImage grey(ImageSet set, int i) {
    BufferedImage image = new BufferedImage(set.cols(), set.rows(), BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < set.rows(); y++) {
      for (int x = 0; x < set.cols(); x++) {
        image.getRaster().setSample(x, y, 0, set.pixel(i, y * set.cols() + x));
      }
    }
    return image;
  }

  /** Writes image to file in the format (png, jpg, gif, bmp), making its folder. */
  public static Path write(BufferedImage image, Path file, String format) {
    try {
      Files.createDirectories(file.getParent());
      if (!ImageIO.write(image, format, file.toFile())) {
        throw new IllegalArgumentException("no ImageIO writer for " + format);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
