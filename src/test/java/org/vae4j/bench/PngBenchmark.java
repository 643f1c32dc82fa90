package org.vae4j.bench;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.vae4j.anomaly.InputComplexity;
import org.vae4j.data.ImageSet;
import org.vae4j.data.TestData;

/**
 * The PNG size of one MNIST test digit (the png_corrected score's complexity): vae4j's PNG coder, one Deflater
 * reused, against ImageIO's PNG writer at the same compression level, found and set up per image.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PngBenchmark {
  private static final int IMAGES = 1000;
  private ImageSet digits;
  private InputComplexity.PngSize coder;
  private int next;

  @Setup
  public void setUp() {
    digits = TestData.mnist().test().first(IMAGES);
    coder = new InputComplexity.PngSize(28, 28);
  }

  @Benchmark
  public double pngCoder() {
    next = (next + 1) % IMAGES;
    return coder.bits(digits, next);
  }

  @Benchmark
  public double imageIoWriter() throws IOException {
    next = (next + 1) % IMAGES;
    BufferedImage grey = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
    for (int p = 0; p < 784; p++) {
      grey.getRaster().setSample(p % 28, p / 28, 0, digits.pixel(next, p));
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0f);
      writer.write(null, new IIOImage(grey, null, null), param);
    } finally {
      writer.dispose();
    }
    return 8.0 * bytes.size();
  }
}
