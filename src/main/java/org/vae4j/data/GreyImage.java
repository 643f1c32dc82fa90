package org.vae4j.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * One image file as grey levels 0..255, (height, width) row-major: read with ImageIO (PNG, JPEG, GIF, BMP),
 * converted as Pillow's convert("L") does (L = (19595 R + 38470 G + 7471 B + 2^15) >> 16, the ITU-R 601
 * luma; alpha ignored), grey files taken as they are; and resized by area averaging.
 */
record GreyImage(int width, int height, byte[] pixels) {
  /** The file's image; an IOException saying why when ImageIO cannot decode it. */
  static GreyImage read(Path file) throws IOException {
    BufferedImage image;
    try {
      image = ImageIO.read(file.toFile());
    } catch (IOException e) {
      throw e;
    } catch (RuntimeException e) { // some decoders throw these on corrupt data
      throw new IOException(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
    if (image == null) {
      throw new IOException("not an image ImageIO can read (PNG, JPEG, GIF or BMP)");
    }
    return grey(image);
  }

  static GreyImage grey(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    byte[] pixels = new byte[w * h];
    ColorModel model = image.getColorModel();
    if (model.getColorSpace().getType() == ColorSpace.TYPE_GRAY && !(model instanceof IndexColorModel)) {
      // Grey samples as stored: getRGB would pass them through Java's linear-grey to sRGB conversion.
      Raster raster = image.getRaster();
      long max = (1L << model.getComponentSize(0)) - 1;
      int[] row = new int[w];
      for (int y = 0; y < h; y++) {
        raster.getSamples(0, y, w, 1, 0, row);
        for (int x = 0; x < w; x++) {
          pixels[y * w + x] = (byte) ((row[x] * 255L + max / 2) / max);
        }
      }
    } else {
      int[] row = new int[w];
      for (int y = 0; y < h; y++) {
        image.getRGB(0, y, w, 1, row, 0, w);
        for (int x = 0; x < w; x++) {
          int rgb = row[x];
          int r = (rgb >> 16) & 0xFF;
          int g = (rgb >> 8) & 0xFF;
          int b = rgb & 0xFF;
          pixels[y * w + x] = (byte) ((19595 * r + 38470 * g + 7471 * b + 0x8000) >> 16);
        }
      }
    }
    return new GreyImage(w, h, pixels);
  }

  /**
   * This image stretched to width x height by area averaging (Pillow's BOX filter): each new pixel is the
   * mean of the old pixels' area it covers, each weighted by the part it covers; the aspect ratio is not kept.
   */
  GreyImage resized(int newWidth, int newHeight) {
    if (newWidth == width && newHeight == height) {
      return this;
    }
    Weights across = new Weights(width, newWidth);
    Weights down = new Weights(height, newHeight);
    double[] rows = new double[height * newWidth]; // (height, newWidth): each row resized across
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < newWidth; x++) {
        double sum = 0;
        for (int i = across.start[x]; i < across.start[x + 1]; i++) {
          sum += across.weight[i] * (pixels[y * width + across.source[i]] & 0xFF);
        }
        rows[y * newWidth + x] = sum;
      }
    }
    byte[] out = new byte[newWidth * newHeight];
    for (int y = 0; y < newHeight; y++) {
      for (int x = 0; x < newWidth; x++) {
        double sum = 0;
        for (int i = down.start[y]; i < down.start[y + 1]; i++) {
          sum += down.weight[i] * rows[down.source[i] * newWidth + x];
        }
        // rounded half up: the weights' rounding errors would otherwise turn an exact x.5 into x.4999...
        out[y * newWidth + x] = (byte) Math.min(255, (long) Math.floor(sum + 0.5 + 1e-9));
      }
    }
    return new GreyImage(newWidth, newHeight, out);
  }

  /**
   * For each of m new pixels along one axis of n old ones: the old pixels it covers (source[start[j]] ..
   * source[start[j + 1] - 1]) and the share of each (weights summing to 1). New pixel j covers the old
   * interval [j n / m, (j + 1) n / m).
   */
  private static final class Weights {
    final int[] start;
    final int[] source;
    final double[] weight;

    Weights(int n, int m) {
      start = new int[m + 1];
      int[] sources = new int[m * (n / m + 2)];
      double[] weights = new double[sources.length];
      int k = 0;
      for (int j = 0; j < m; j++) {
        double from = (double) j * n / m;
        double to = (double) (j + 1) * n / m;
        start[j] = k;
        for (int i = (int) Math.floor(from); i < Math.min(n, (int) Math.ceil(to)); i++) {
          double covered = Math.min(to, i + 1) - Math.max(from, i);
          if (covered > 0) {
            sources[k] = i;
            weights[k++] = covered / (to - from);
          }
        }
      }
      start[m] = k;
      source = sources;
      weight = weights;
    }
  }
}
