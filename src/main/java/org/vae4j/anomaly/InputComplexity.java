package org.vae4j.anomaly;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.vae4j.data.ImageSet;

/**
 * Estimates of an image's complexity L(x), the code length a general-purpose coder needs for it, which the
 * input-complexity score S(x) = -log p(x) - L(x) of Serra et al. (2020) subtracts from the model's:
 * <ul>
 *   <li>{@link #pixelEntropy}: sum over pixels of H(x_i) = -x log x - (1 - x) log(1 - x), x = value / 255,
 *       in nats: the least -log p(x | z) that any decoder with Bernoulli pixels can reach on x (at p = x).
 *       For such a model's likelihood of grey pixels it is the complexity in the likelihood's own units: the
 *       floor that the image alone sets and no model can lower;</li>
 *   <li>{@link #pngBits}: the size in bits of the image as a grey 8-bit PNG at the highest compression
 *       (ImageIO), the compressor Serra et al. use; a code length of the 8-bit image.</li>
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

  /** The bits of the image as a grey PNG at maximum compression. */
  public static double pngBits(ImageSet images, int image) {
    BufferedImage grey = new BufferedImage(images.cols(), images.rows(), BufferedImage.TYPE_BYTE_GRAY);
    for (int r = 0; r < images.rows(); r++) {
      for (int c = 0; c < images.cols(); c++) {
        grey.getRaster().setSample(c, r, 0, images.pixel(image, r * images.cols() + c));
      }
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0f); // 0: the smallest file, deflate level 9
      writer.write(null, new IIOImage(grey, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException("PNG in memory", e);
    } finally {
      writer.dispose();
    }
    return 8.0 * bytes.size();
  }
}
