package org.vae4j.data;

import org.vae4j.InvalidSetting;

/** The size images are brought to: width x height pixels, written "WxH" (e.g. "28x28"). */
public record ImageSize(int width, int height) {
  /** At most this many pixels per side. */
  public static final int MAX_SIDE = 4096;

  public ImageSize {
    if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
      throw new InvalidSetting("image_size", "must be WxH with each side 1.." + MAX_SIDE + ", got " + width + "x"
          + height);
    }
  }

  /** "WxH", e.g. "32x32". */
  public static ImageSize parse(String text) {
    String[] parts = text.strip().toLowerCase(java.util.Locale.ROOT).split("x");
    try {
      if (parts.length == 2) {
        return new ImageSize(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new InvalidSetting("image_size", "must be WxH, e.g. 28x28, got '" + text + "'");
  }

  @Override
  public String toString() {
    return width + "x" + height;
  }
}
