package org.vae4j.data;

import java.util.List;
import java.util.Objects;

/**
 * Images handed in to be scored: the set, whether its labels are known, each image's name when it has one
 * (a file in a folder of images; IDX images have none and go by their index), and where they came from, for
 * messages and reports.
 */
public record ImageSource(String description, ImageSet images, boolean labelled, List<String> names) {
  public ImageSource {
    Objects.requireNonNull(description);
    Objects.requireNonNull(images);
    if (names != null) {
      names = List.copyOf(names);
      if (names.size() != images.count()) {
        throw new IllegalArgumentException(names.size() + " names for " + images.count() + " images");
      }
    }
  }

  /** The name of an image: its file name when it has one, else its index. */
  public String name(int image) {
    return names == null ? Integer.toString(image) : names.get(image);
  }

  public boolean named() {
    return names != null;
  }
}
