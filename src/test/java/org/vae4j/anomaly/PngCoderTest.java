package org.vae4j.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.vae4j.data.ImageSet;
import org.vae4j.data.TestData;

/** The PNG sizes are those of real PNG files: ImageIO reads each back to the same pixels. */
class PngCoderTest {
  @Test
  void everyEncodedImageDecodesToItsPixels() throws IOException {
    ImageSet digits = TestData.mnist().test().first(20);
    ImageSet noisy = digits.perturbed(0.3, 2);
    PngCoder coder = new PngCoder(28, 28);
    for (ImageSet set : new ImageSet[] {digits, noisy}) {
      for (int i = 0; i < set.count(); i++) {
        byte[] png = coder.encode(set, i);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(decoded).as("image %d", i).isNotNull();
        assertThat(decoded.getWidth()).isEqualTo(28);
        assertThat(decoded.getHeight()).isEqualTo(28);
        for (int p = 0; p < 784; p++) {
          assertThat(decoded.getRaster().getSample(p % 28, p / 28, 0)).as("image %d pixel %d", i, p)
              .isEqualTo(set.pixel(i, p));
        }
        assertThat(InputComplexity.pngBits(set, i)).isEqualTo(8.0 * png.length);
      }
    }
  }
}
