package org.vae4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.UserError;

/** Folders of image files as datasets: layouts, grey conversion, resizing, the split and every bad input. */
class ImageFolderTest {
  private static final FolderOptions DEFAULTS = new FolderOptions(null, null);
  private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
  private final PrintStream log = new PrintStream(logged, true, StandardCharsets.UTF_8);

  @TempDir
  Path dir;

  @Test
  void aFolderPerClassGivesLabelsInTheNamesSortedOrderAndKeepsThePixelsOfGreyPngs() {
    Path folder = ImageFolders.fashionPngs(dir.resolve("fashion"), 300);
    ImageSet source = DatasetFolder.read("fashion-mnist", TestData.fashionMnistDir()).train();
    Dataset data = ImageFolder.read(folder, DEFAULTS, log);

    List<String> sorted = ImageFolders.FASHION_CLASSES.stream().sorted().toList();
    assertThat(data.name()).isEqualTo("fashion");
    assertThat(data.train().classNames()).isEqualTo(sorted);
    assertThat(data.train().classes()).isEqualTo(10);
    assertThat(data.train().count() + data.test().count()).isEqualTo(300);
    assertThat(data.train().rows()).isEqualTo(28);
    assertThat(data.folder()).isEqualTo(new FolderOptions(new ImageSize(28, 28), 0.1));
    // every image of the folder, with its label's name, is one of the source's images with that class
    Map<String, String> classOf = new HashMap<>();
    for (int i = 0; i < 300; i++) {
      classOf.put(pixels(source, i), ImageFolders.FASHION_CLASSES.get(source.label(i)));
    }
    for (ImageSet set : List.of(data.train(), data.test())) {
      for (int i = 0; i < set.count(); i++) {
        assertThat(classOf.get(pixels(set, i))).as("image %d", i).isEqualTo(sorted.get(set.label(i)));
      }
    }
    // of each class, round(0.1 n) test images
    int[] perClass = new int[10];
    for (int i = 0; i < 300; i++) {
      perClass[sorted.indexOf(ImageFolders.FASHION_CLASSES.get(source.label(i)))]++;
    }
    int[] tests = new int[10];
    for (int i = 0; i < data.test().count(); i++) {
      tests[data.test().label(i)]++;
    }
    for (int c = 0; c < 10; c++) {
      assertThat(tests[c]).as("test images of class %d", c).isEqualTo(Math.round(0.1 * perClass[c]));
    }
    assertThat(ImageFolder.read(folder, DEFAULTS, log).test().sha256()).as("the same split every time")
        .isEqualTo(data.test().sha256());
  }

  @Test
  void trainAndTestFoldersAreTheSplitAndImagesDirectlyInAFolderHaveNoLabels() {
    ImageSet source = TestData.mnist().test();
    for (int i = 0; i < 6; i++) {
      String split = i < 4 ? "train" : "test";
      ImageFolders.write(ImageFolders.grey(source, i), dir.resolve(split).resolve(i + ".png"), "png");
    }
    Dataset data = ImageFolder.read(dir, DEFAULTS, log);
    assertThat(data.train().count()).isEqualTo(4);
    assertThat(data.test().count()).isEqualTo(2);
    assertThat(data.train().hasLabels()).isFalse();
    assertThat(data.train().classes()).isZero();
    assertThat(data.folder().testFraction()).isNull();
    assertThatThrownBy(() -> data.train().label(0)).hasMessage("these images have no labels");
    assertThatThrownBy(() -> ImageFolder.read(dir, new FolderOptions(null, 0.2), log))
        .isInstanceOf(UserError.class).hasMessageContaining("is split already, into train/ and test/ folders");
  }

  @Test
  void colourImagesBecomeGreyAsPillowsConvertLDoesInEveryFormat() {
    BufferedImage colour = new BufferedImage(3, 1, BufferedImage.TYPE_INT_RGB);
    colour.setRGB(0, 0, 0xFF0000);
    colour.setRGB(1, 0, 0x00FF00);
    colour.setRGB(2, 0, 0x336699);
    // Pillow: L = (19595 R + 38470 G + 7471 B + 2^15) >> 16
    byte[] expected = {(byte) 76, (byte) 150, (byte) 93};
    for (String format : List.of("png", "bmp", "gif")) {
      Path file = ImageFolders.write(colour, dir.resolve("c." + format), format);
      assertThat(grey(file).pixels()).as(format).containsExactly(expected);
    }
    BufferedImage flat = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        flat.setRGB(x, y, 0x808080);
      }
    }
    byte[] jpeg = grey(ImageFolders.write(flat, dir.resolve("flat.jpg"), "jpg")).pixels();
    for (byte b : jpeg) {
      assertThat(b & 0xFF).as("a flat JPEG (lossy)").isBetween(126, 130);
    }
    BufferedImage sixteen = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
    sixteen.getRaster().setSample(0, 0, 0, 65535);
    sixteen.getRaster().setSample(1, 0, 0, 32896); // 128.5 x 256: rounds to 128
    assertThat(grey(ImageFolders.write(sixteen, dir.resolve("16.png"), "png")).pixels())
        .containsExactly((byte) 255, (byte) 128);
  }

  @Test
  void resizingAveragesTheAreaEachNewPixelCovers() {
    byte[] four = new byte[16];
    for (int i = 0; i < 16; i++) {
      four[i] = (byte) (i * 16);
    }
    GreyImage image = new GreyImage(4, 4, four);
    assertThat(image.resized(4, 4)).isSameAs(image);
    // 2x2 blocks: (0 + 16 + 64 + 80) / 4 = 40, ...
    assertThat(image.resized(2, 2).pixels()).containsExactly((byte) 40, (byte) 72, (byte) 168, (byte) 200);
    assertThat(image.resized(1, 1).pixels()).containsExactly((byte) 120);
    // three columns of a 4-wide row: [0, 4/3), [4/3, 8/3), [8/3, 4) weighted by the part covered
    GreyImage row = new GreyImage(4, 1, new byte[] {0, 30, 60, 90});
    assertThat(row.resized(3, 1).pixels()).containsExactly((byte) 8, (byte) 45, (byte) 83);
    GreyImage two = new GreyImage(2, 1, new byte[] {10, (byte) 200});
    assertThat(two.resized(4, 1).pixels()).containsExactly((byte) 10, (byte) 10, (byte) 200, (byte) 200);
  }

  @Test
  void mixedSizesNeedAnImageSizeWhichResizesEveryImage() {
    ImageFolders.write(new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY), dir.resolve("a/1.png"), "png");
    ImageFolders.write(new BufferedImage(32, 30, BufferedImage.TYPE_BYTE_GRAY), dir.resolve("b/2.png"), "png");
    ImageFolders.write(new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY), dir.resolve("b/3.png"), "png");
    assertThatThrownBy(() -> ImageFolder.read(dir, new FolderOptions(null, 0.5), log)).isInstanceOf(UserError.class)
        .hasMessage(dir + ": images of different sizes (a/1.png is 28x28, b/2.png is 32x30); give an image size, "
            + "WxH, to resize them all to");
    Dataset data = ImageFolder.read(dir, new FolderOptions(new ImageSize(16, 8), 0.5), log);
    assertThat(data.train().cols()).isEqualTo(16);
    assertThat(data.train().rows()).isEqualTo(8);
    assertThat(logged.toString(StandardCharsets.UTF_8)).contains("of 16x8 pixels in grey (resized by area averaging)");
  }

  @Test
  void filesThatCannotBeDecodedAreLeftOutAndNamedInOneLine() throws Exception {
    ImageSet source = TestData.mnist().test();
    for (int i = 0; i < 10; i++) {
      ImageFolders.write(ImageFolders.grey(source, i), dir.resolve((i % 2 == 0 ? "even" : "odd") + "/" + i + ".png"),
          "png");
    }
    Files.writeString(dir.resolve("even/notes.txt"), "not an image, and not named like one");
    Files.writeString(dir.resolve("even/.hidden.png"), "hidden");
    Files.writeString(dir.resolve("odd/fake.png"), "not a PNG");
    byte[] png = Files.readAllBytes(dir.resolve("even/0.png"));
    Files.write(dir.resolve("odd/cut.png"), Arrays.copyOf(png, png.length / 2));
    Dataset data = ImageFolder.read(dir, new FolderOptions(null, 0.2), log);
    assertThat(data.train().count() + data.test().count()).isEqualTo(10);
    String line = logged.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("left out")).findFirst()
        .orElseThrow();
    assertThat(line).startsWith("vae4j: left out 2 of 12 image files that cannot be read: odd/cut.png (")
        .contains("odd/fake.png (not an image ImageIO can read (PNG, JPEG, GIF or BMP))");
  }

  @Test
  void badFoldersAreOneLineErrors() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertThatThrownBy(() -> ImageFolder.read(empty, DEFAULTS, log)).isInstanceOf(UserError.class)
        .hasMessage(empty + ": no images in it (files named .png, .jpg, .jpeg, .gif, .bmp)");

    Path one = dir.resolve("one");
    ImageFolders.write(new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY), one.resolve("cats/1.png"), "png");
    assertThatThrownBy(() -> ImageFolder.read(one, DEFAULTS, log)).isInstanceOf(UserError.class)
        .hasMessageStartingWith(one + " holds one class folder only (cats/): labels need two classes at least");

    Path mixed = dir.resolve("mixed");
    ImageFolders.write(new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY), mixed.resolve("cats/1.png"), "png");
    ImageFolders.write(new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY), mixed.resolve("2.png"), "png");
    assertThatThrownBy(() -> ImageFolder.read(mixed, DEFAULTS, log)).isInstanceOf(UserError.class)
        .hasMessageStartingWith(mixed + " holds both images (2.png) and folders (cats/)");

    Path few = dir.resolve("few");
    for (int i = 0; i < 3; i++) {
      ImageFolders.write(new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY), few.resolve(i + ".png"), "png");
    }
    assertThatThrownBy(() -> ImageFolder.read(few, DEFAULTS, log)).isInstanceOf(UserError.class)
        .hasMessage(few + ": a test fraction of 0.1 of its 3 images leaves no test image; give another fraction, "
            + "or add images");

    Path broken = dir.resolve("broken");
    Files.createDirectories(broken);
    Files.writeString(broken.resolve("a.png"), "no");
    Files.writeString(broken.resolve("b.png"), "no");
    assertThatThrownBy(() -> ImageFolder.read(broken, new FolderOptions(null, 0.5), log))
        .isInstanceOf(UserError.class).hasMessageStartingWith(broken + ": no training image can be read (the first "
            + "that cannot: a.png (not an image ImageIO can read");
    assertThatThrownBy(() -> ImageFolder.read(dir.resolve("nothing"), DEFAULTS, log)).isInstanceOf(UserError.class)
        .hasMessageStartingWith(dir.resolve("nothing") + ": ");
  }

  @Test
  void anImageSizeAndATestFractionAreChecked() {
    assertThat(ImageSize.parse("32X24")).isEqualTo(new ImageSize(32, 24));
    assertThatThrownBy(() -> ImageSize.parse("32")).hasMessage("image_size must be WxH, e.g. 28x28, got '32'");
    assertThatThrownBy(() -> ImageSize.parse("0x5"))
        .hasMessage("image_size must be WxH with each side 1..4096, got 0x5");
    assertThatThrownBy(() -> new FolderOptions(null, 1.0))
        .hasMessage("test_fraction must be between 0 and 1, e.g. 0.1, got 1.0");
  }

  private static GreyImage grey(Path file) {
    try {
      return GreyImage.read(file);
    } catch (java.io.IOException e) {
      throw new AssertionError(file + ": " + e.getMessage(), e);
    }
  }

  private static String pixels(ImageSet set, int i) {
    StringBuilder s = new StringBuilder();
    for (int p = 0; p < set.pixels(); p++) {
      s.append((char) set.pixel(i, p));
    }
    return s.toString();
  }
}
