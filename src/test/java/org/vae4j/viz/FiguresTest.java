package org.vae4j.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.UsageError;
import org.vae4j.data.ImageSet;
import org.vae4j.model.Architecture;
import org.vae4j.model.ModelSpec;
import org.vae4j.model.Vae;
import org.vae4j.nn.ReferenceGemm;

/** Each figure of a briefly trained model: its pixel size, and that its content makes sense. */
class FiguresTest {
  private static final int S = Figures.SCALE;
  /** Content checks use d = 10, which reconstructs well after a few epochs; d = 2 learns slower. */
  private static final int CONTENT_D = 10;

  @TempDir
  Path dir;

  private static Figures figures(SmallModels.Trained m, long seed) {
    return new Figures(m.vae(), m.test(), m.epochs(), seed, 20);
  }

  @Test
  void writesEveryFigureWithItsSizeAndACaption() throws IOException {
    SmallModels.Trained m = SmallModels.latent(2);
    List<Figure> written = figures(m, 1).write(dir, Figures.ALL);
    assertThat(written).extracting(Figure::file).containsExactly("reconstructions.png",
        "reconstructions-sampled.png", "manifold.png", "latent-scatter.png", "prior-samples.png",
        "posterior-samples.png", "interpolation.png", "interpolation.gif", "training-curves.png", "architecture.png");
    assertThat(written).allSatisfy(f -> assertThat(f.caption()).endsWith(".").doesNotContain("\n"));
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).hasSize(11).contains("architecture.txt");
    }
    int cell = 28 * S;
    assertSize(dir.resolve("manifold.png"), 20 * cell + 21, 20 * cell + 21);
    assertSize(dir.resolve("prior-samples.png"), 10 * cell + 11, 10 * cell + 11);
    // posterior: the image, a gap, 8 samples; interpolation: image, gap, 10 points, gap, image
    // (a gap takes the place of a line)
    assertSize(dir.resolve("posterior-samples.png"), 9 * cell + 9 + Tiles.GAP_WIDTH, 10 * cell + 11);
    assertSize(dir.resolve("interpolation.png"), 12 * cell + 11 + 2 * Tiles.GAP_WIDTH, 8 * cell + 9);
    BufferedImage recon = ImageIO.read(dir.resolve("reconstructions.png").toFile());
    assertThat(recon.getHeight()).isEqualTo(4 * cell + 5);
    assertThat(recon.getWidth()).isBetween(10 * cell + 11 + 20, 10 * cell + 11 + 200); // labels on the left
    assertSize(dir.resolve("latent-scatter.png"), LatentScatter.WIDTH, LatentScatter.HEIGHT);
    assertSize(dir.resolve("training-curves.png"), TrainingCurves.WIDTH,
        TrainingCurves.TOP + 3 * TrainingCurves.PANEL_HEIGHT);
    assertSize(dir.resolve("architecture.png"), 480, 830);
  }

  @Test
  void reconstructionsAreCloserToTheirInputsThanToOtherImages() {
    SmallModels.Trained m = SmallModels.latent(CONTENT_D);
    for (boolean sampled : new boolean[] {false, true}) {
      FigureContext f = figures(m, 1).context();
      BufferedImage image = new ReconstructionsFigure(sampled).draw(f);
      Tiles layout = new Tiles(4, 10, 28, 28, S).rowLabels("input", sampled ? "recon (z sampled)" : "recon",
          "input", "recon");
      assertThat(image.getWidth()).isEqualTo(layout.width());
      int[] shown = ReconstructionsFigure.images(f);
      double own = 0;
      double other = 0;
      for (int band = 0; band < 2; band++) {
        for (int c = 0; c < 10; c++) {
          float[] input = tile(image, layout, 2 * band, c);
          float[] output = tile(image, layout, 2 * band + 1, c);
          // the input row shows the test image itself, exactly
          assertThat(input).containsExactly(testImage(m.test(), shown[band * 10 + c]),
              org.assertj.core.data.Offset.offset(0.5f / 255));
          double toOwn = distance(output, input);
          double toOthers = 0;
          for (int c2 = 0; c2 < 10; c2++) {
            if (c2 != c) {
              toOthers += distance(output, tile(image, layout, 2 * band, c2)) / 9;
            }
          }
          assertThat(toOwn).as("column %d of band %d", c, band).isLessThan(toOthers);
          own += toOwn;
          other += toOthers;
        }
      }
      assertThat(own).isLessThan(0.75 * other);
    }
  }

  @Test
  void manifoldPriorAndPosteriorShowVariedDigitLikeImages() {
    SmallModels.Trained m = SmallModels.latent(CONTENT_D);
    FigureContext f = figures(m, 1).context();
    Tiles grid20 = new Tiles(20, 20, 28, 28, S);
    BufferedImage manifold = new ManifoldFigure().draw(f);
    float[] corner1 = tile(manifold, grid20, 0, 0);
    float[] corner2 = tile(manifold, grid20, 19, 19);
    assertThat(distance(corner1, corner2)).isGreaterThan(5);
    assertDigitLike(corner1);

    BufferedImage prior = new PriorSamplesFigure().draw(f);
    Tiles grid10 = new Tiles(10, 10, 28, 28, S);
    double spread = 0;
    for (int i = 0; i < 10; i++) {
      float[] t = tile(prior, grid10, i, i);
      assertDigitLike(t);
      spread += distance(t, tile(prior, grid10, 0, 0));
    }
    assertThat(spread).isGreaterThan(20);

    BufferedImage posterior = new PosteriorSamplesFigure().draw(f);
    Tiles layout = new Tiles(10, 9, 28, 28, S).gapAfter(0);
    int[] shown = PosteriorSamplesFigure.images(f);
    double own = 0;
    double other = 0;
    for (int r = 0; r < 10; r++) {
      assertThat(tile(posterior, layout, r, 0)).containsExactly(testImage(m.test(), shown[r]),
          org.assertj.core.data.Offset.offset(0.5f / 255));
      for (int k = 1; k < 9; k++) {
        float[] sample = tile(posterior, layout, r, k);
        own += distance(sample, tile(posterior, layout, r, 0));
        other += distance(sample, tile(posterior, layout, (r + 1) % 10, 0));
      }
    }
    assertThat(own).isLessThan(other);
  }

  @Test
  void interpolationRunsFromTheFirstImageToTheSecond() {
    SmallModels.Trained m = SmallModels.latent(CONTENT_D);
    BufferedImage image = new InterpolationFigure().draw(figures(m, 1).context());
    Tiles layout = new Tiles(8, 12, 28, 28, S).gapAfter(0).gapAfter(10);
    int good = 0;
    for (int r = 0; r < 8; r++) {
      float[] a = tile(image, layout, r, 0);
      float[] b = tile(image, layout, r, 11);
      float[] first = tile(image, layout, r, 1);
      float[] last = tile(image, layout, r, 10);
      if (distance(first, a) < distance(first, b) && distance(last, b) < distance(last, a)) {
        good++;
      }
    }
    assertThat(good).isGreaterThanOrEqualTo(6);
  }

  @Test
  void gifHasEveryFrameAndLoopsForever() throws IOException {
    SmallModels.Trained m = SmallModels.latent(2);
    figures(m, 1).write(dir, List.of(Figures.INTERPOLATION));
    try (ImageInputStream in = ImageIO.createImageInputStream(dir.resolve("interpolation.gif").toFile())) {
      ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
      reader.setInput(in);
      assertThat(reader.getNumImages(true)).isEqualTo(InterpolationFigure.GIF_FRAMES).isEqualTo(90);
      assertThat(reader.getWidth(0)).isEqualTo(28 * InterpolationFigure.GIF_SCALE);
      IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_gif_image_1.0");
      IIOMetadataNode app = (IIOMetadataNode) root.getElementsByTagName("ApplicationExtension").item(0);
      assertThat(app.getAttribute("applicationID")).isEqualTo("NETSCAPE");
      assertThat(app.getAttribute("authenticationCode")).isEqualTo("2.0");
      byte[] loop = (byte[]) app.getUserObject();
      assertThat(loop).containsExactly(1, 0, 0); // loop count 0: forever
      IIOMetadataNode control = (IIOMetadataNode) root.getElementsByTagName("GraphicControlExtension").item(0);
      assertThat(control.getAttribute("delayTime")).isEqualTo("6");
      BufferedImage first = reader.read(0); // the grey levels survive the palette exactly
      BufferedImage expected = new InterpolationFigure().frames(figures(m, 1).context()).get(0);
      for (int y = 0; y < expected.getHeight(); y += 3) {
        for (int x = 0; x < expected.getWidth(); x += 3) {
          assertThat(first.getRGB(x, y) & 0xFFFFFF).isEqualTo(expected.getRGB(x, y) & 0xFFFFFF);
        }
      }
      reader.dispose();
    }
  }

  @Test
  void scatterAndCurvesUseTheirColours() {
    for (int d : new int[] {2, CONTENT_D}) { // 10: PCA to 2-D
      SmallModels.Trained m = SmallModels.latent(d);
      Figures f = figures(m, 1);
      List<Figure> written = f.write(dir, List.of(Figures.LATENT_SCATTER, Figures.MANIFOLD, Figures.TRAINING_CURVES));
      assertThat(written).extracting(Figure::name).containsExactly(Figures.MANIFOLD, Figures.LATENT_SCATTER,
          Figures.TRAINING_CURVES);
      if (d == CONTENT_D) {
        assertThat(written.get(1).caption()).contains("PCA");
        assertThat(written.get(0).caption()).contains("held at 0");
      }
      BufferedImage scatter = read(dir.resolve("latent-scatter.png"));
      for (Color c : Plot.PALETTE) {
        assertThat(count(scatter, c)).as("legend colour " + c).isPositive();
      }
      BufferedImage curves = read(dir.resolve("training-curves.png"));
      assertThat(count(curves, TrainingCurves.TRAIN)).isGreaterThan(50); // legend and markers at least
      assertThat(count(curves, TrainingCurves.TEST)).isGreaterThan(50);
    }
  }

  @Test
  void sameSeedSameFigureOtherSeedOtherFigure() throws IOException {
    SmallModels.Trained m = SmallModels.latent(2);
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    Path c = dir.resolve("c");
    List<String> names = List.of(Figures.PRIOR_SAMPLES, Figures.RECONSTRUCTIONS);
    figures(m, 1).write(a, names);
    figures(m, 1).write(b, names);
    figures(m, 2).write(c, names);
    for (String file : new String[] {"prior-samples.png", "reconstructions.png"}) {
      assertThat(Files.readAllBytes(a.resolve(file))).isEqualTo(Files.readAllBytes(b.resolve(file)));
      assertThat(Files.readAllBytes(a.resolve(file))).isNotEqualTo(Files.readAllBytes(c.resolve(file)));
    }
  }

  @Test
  void onlyAcceptsKnownNames() {
    assertThat(Figures.parseNames(null)).isEqualTo(Figures.DEFAULT).doesNotContain(Figures.RECONSTRUCTIONS_SAMPLED);
    assertThat(Figures.parseNames(List.of("all"))).isEqualTo(Figures.ALL);
    assertThat(Figures.parseNames(List.of("manifold", "reconstructions")))
        .containsExactly("reconstructions", "manifold");
    assertThatThrownBy(() -> Figures.parseNames(List.of("manifolds"))).isInstanceOf(UsageError.class)
        .hasMessageContaining("unknown figure 'manifolds'");
  }

  @Test
  void summaryCountsEveryParameter() {
    Architecture architecture = ModelSpec.mlp(28, 28, 512, 20).architecture();
    assertThat(architecture.parameterCount())
        .isEqualTo(new Vae(architecture, new ReferenceGemm()).parameters().size()).isEqualTo(835_384);
    String text = ArchitectureSummary.text(architecture, "28x28 images");
    assertThat(text).contains("Layer (type)", "Output Shape", "Param #", "encoder.hidden (Linear + ReLU)",
        "(None, 512)", "401,920", "decoder.output (Linear -> bernoulli)", "Total params: 835,384",
        "FLOPs per image: encode 0.84 MFLOP, decode 0.82 MFLOP; a training step 4.20 MFLOP");
  }

  @Test
  void aConditionalModelsSummaryShowsTheLabelJoiningBothInputs() {
    Architecture architecture = new ModelSpec("cvae", 28, 28, 10, 20, 512, List.of()).architecture();
    String text = ArchitectureSummary.text(architecture, "28x28 images");
    assertThat(text).contains("y (Input, one-hot label)", "x ++ y (Concatenate)", "(None, 794)",
        "z ++ y (Concatenate)", "(None, 30)", "Model: \"vae\" (cvae, 784+10-512-20");
    assertThat(architecture.parameterCount()).isEqualTo(835_384 + 10 * 512 + 10 * 512);
  }

  // ---- helpers ----

  private static float[] tile(BufferedImage image, Tiles layout, int row, int col) {
    float[] t = new float[28 * 28];
    for (int i = 0; i < 28; i++) {
      for (int j = 0; j < 28; j++) {
        int x = layout.x(col) + j * S;
        int y = layout.y(row) + i * S;
        int rgb = image.getRGB(x, y);
        assertThat(image.getRGB(x + S - 1, y + S - 1)).as("nearest-neighbour blocks").isEqualTo(rgb);
        t[i * 28 + j] = (rgb & 0xFF) / 255f;
      }
    }
    return t;
  }

  private static float[] testImage(ImageSet test, int index) {
    float[] x = new float[test.pixels()];
    test.toFloats(new int[] {index}, 0, 1, x);
    return x;
  }

  private static double distance(float[] p, float[] q) {
    double s = 0;
    for (int i = 0; i < p.length; i++) {
      s += (p[i] - q[i]) * (p[i] - q[i]);
    }
    return s;
  }

  /** Mostly dark, with some bright strokes: what MNIST digits look like. */
  private static void assertDigitLike(float[] t) {
    double mean = 0;
    int bright = 0;
    for (float v : t) {
      mean += v / t.length;
      bright += v > 0.5f ? 1 : 0;
    }
    assertThat(mean).isBetween(0.02, 0.4);
    assertThat(bright).isGreaterThan(5);
  }

  private static void assertSize(Path file, int width, int height) throws IOException {
    BufferedImage image = read(file);
    assertThat(image.getWidth()).as(file + " width").isEqualTo(width);
    assertThat(image.getHeight()).as(file + " height").isEqualTo(height);
  }

  private static BufferedImage read(Path file) {
    try {
      return ImageIO.read(file.toFile());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static int count(BufferedImage image, Color c) {
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        if (Math.abs(((rgb >> 16) & 0xFF) - c.getRed()) <= 2 && Math.abs(((rgb >> 8) & 0xFF) - c.getGreen()) <= 2
            && Math.abs((rgb & 0xFF) - c.getBlue()) <= 2) {
          n++;
        }
      }
    }
    return n;
  }
}
