package org.vae4j.anomaly;

import org.vae4j.data.ImageSet;

/**
 * Estimates of an image's complexity L(x), the code length a general-purpose coder needs for it, which the
 * input-complexity score S(x) = -log p(x) - L(x) of Serra et al. (2020) subtracts from the model's:
 * <ul>
 *   <li>{@link #pixelEntropy}: sum over pixels of H(x_i) = -x log x - (1 - x) log(1 - x), x = value / 255,
 *       in nats: the least -log p(x | z) that any decoder with Bernoulli pixels can reach on x (at p = x).
 *       For such a model's likelihood of grey pixels it is the complexity in the likelihood's own units: the
 *       floor that the image alone sets and no model can lower;</li>
 *   <li>{@link #pngBits}: the size in bits of the image as a grey 8-bit PNG, deflated at the highest level,
 *       the compressor Serra et al. use; a code length of the 8-bit image.</li>
 * </ul>
 */
public final class InputComplexity {
  private static final double[] ENTROPY = new double[256];

  static {
    for (int v = 1; v < 255; v++) {
      double x = v / 255.0;
      ENTROPY[v] = -x * Math.log(x) - (1 - x) * Math.log(1 - x);
    }
  }

  private InputComplexity() {}

  /** The sum of the pixels' Bernoulli entropies, in nats (0 for a binary image). */
  public static double pixelEntropy(ImageSet images, int image) {
    double sum = 0;
    for (int p = 0; p < images.pixels(); p++) {
      sum += ENTROPY[images.pixel(image, p)];
    }
    return sum;
  }

  /** The bits of the image as a grey 8-bit PNG, rows deflated at level 9 ({@link PngCoder}). */
  public static double pngBits(ImageSet images, int image) {
    return new PngSize(images.rows(), images.cols()).bits(images, image);
  }

  /** PNG sizes of image after image, reusing one coder. Not thread-safe. */
  public static final class PngSize {
    private final PngCoder coder;

    public PngSize(int rows, int cols) {
      coder = new PngCoder(rows, cols);
    }

    public double bits(ImageSet images, int image) {
      return 8.0 * coder.encode(images, image).length;
    }
  }
}
