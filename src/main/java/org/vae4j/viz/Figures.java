package org.vae4j.viz;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.vae4j.AtomicFile;
import org.vae4j.UsageError;
import org.vae4j.data.ImageSet;
import org.vae4j.model.Vae;
import org.vae4j.nn.Rng;
import org.vae4j.train.EpochMetrics;

/**
 * Makes the figures of one trained model from its test set and its metrics. Each figure draws its random
 * choices (images, eps) from its own Rng seeded with seed + a fixed offset, so a figure is the same
 * whichever others are made. Decoded images are the Bernoulli means sigmoid(logits), never sampled pixels.
 */
public final class Figures {
  public static final String RECONSTRUCTIONS = "reconstructions";
  public static final String RECONSTRUCTIONS_SAMPLED = "reconstructions-sampled";
  public static final String MANIFOLD = "manifold";
  public static final String LATENT_SCATTER = "latent-scatter";
  public static final String PRIOR_SAMPLES = "prior-samples";
  public static final String POSTERIOR_SAMPLES = "posterior-samples";
  public static final String INTERPOLATION = "interpolation";
  public static final String TRAINING_CURVES = "training-curves";
  public static final String ARCHITECTURE = "architecture";
  /** Every figure, in report order. */
  public static final List<String> ALL = List.of(RECONSTRUCTIONS, RECONSTRUCTIONS_SAMPLED, MANIFOLD, LATENT_SCATTER,
      PRIOR_SAMPLES, POSTERIOR_SAMPLES, INTERPOLATION, TRAINING_CURVES, ARCHITECTURE);
  /** What is made when nothing is chosen: all but the optional sampled-z reconstructions. */
  public static final List<String> DEFAULT = ALL.stream().filter(n -> !n.equals(RECONSTRUCTIONS_SAMPLED)).toList();

  /** The default size of a digit's pixel in the grids, in image pixels. */
  public static final int SCALE = 2;
  static final int RECON_COLUMNS = 10;
  static final int RECON_BANDS = 2;
  static final int PRIOR_SIDE = 10;
  static final int POSTERIOR_IMAGES = 10;
  static final int POSTERIOR_SAMPLES_PER_IMAGE = 8;
  static final int INTERPOLATION_PAIRS = 8;
  static final int INTERPOLATION_STEPS = 10;
  static final int GIF_CODES = 6;
  static final int GIF_STEPS = 15;
  static final int GIF_FRAMES = GIF_CODES * GIF_STEPS;
  static final int GIF_SCALE = 4;
  static final int GIF_DELAY_MILLIS = 60;
  static final double MANIFOLD_LOW = 0.05;
  static final double MANIFOLD_HIGH = 0.95;
  private static final int CHUNK = 256;

  private final Vae vae;
  private final ImageSet test;
  private final List<EpochMetrics> epochs;
  private final long seed;
  private final int manifoldSize;
  private final int scale;
  private final int d;
  private float[] testMeans; // (N, d), made once when a figure needs it
  private Scatter scatter;   // the scatter and its caption, which depends on the PCA

  private record Scatter(BufferedImage image, String caption) {}

  /** epochs may be null when there is no metrics file: then there are no training curves. */
  public Figures(Vae vae, ImageSet test, List<EpochMetrics> epochs, long seed, int manifoldSize) {
    this(vae, test, epochs, seed, manifoldSize, SCALE);
  }

  /** As above, with digit pixels drawn as scale x scale blocks (1 for the smallest files). */
  public Figures(Vae vae, ImageSet test, List<EpochMetrics> epochs, long seed, int manifoldSize, int scale) {
    if (test.pixels() != vae.config().input()) {
      throw new UsageError("the model takes " + vae.config().input() + " pixels per image, the test images have "
          + test.pixels());
    }
    if (manifoldSize < 2) {
      throw new UsageError("--manifold-size must be at least 2, got " + manifoldSize);
    }
    this.vae = vae;
    this.test = test;
    this.epochs = epochs;
    this.seed = seed;
    this.manifoldSize = manifoldSize;
    if (scale < 1 || scale > 8) {
      throw new UsageError("--scale must be 1 to 8, got " + scale);
    }
    this.scale = scale;
    this.d = vae.config().latent();
  }

  /** Checks names given to --only; "all" means every figure. */
  public static List<String> parseNames(List<String> names) {
    if (names == null || names.isEmpty()) {
      return DEFAULT;
    }
    if (names.size() == 1 && names.get(0).equals("all")) {
      return ALL;
    }
    for (String name : names) {
      if (!ALL.contains(name)) {
        throw new UsageError("--only: unknown figure '" + name + "'; choose from " + String.join(", ", ALL)
            + " or all");
      }
    }
    return ALL.stream().filter(names::contains).toList();
  }

  /** Writes the named figures into dir (created if needed) and says what each shows. */
  public List<Figure> write(Path dir, List<String> names) {
    List<Figure> figures = new ArrayList<>();
    for (String name : names) {
      switch (name) {
        case RECONSTRUCTIONS -> figures.add(png(dir, name, "Reconstructions", reconstructions(false),
            String.format(Locale.ROOT, "%d test images picked at random (seed %d) in the rows 'input', and beneath "
                + "each its reconstruction: the decoder's Bernoulli means at z = the encoder's mean.",
                RECON_COLUMNS * RECON_BANDS, seed)));
        case RECONSTRUCTIONS_SAMPLED -> figures.add(png(dir, name, "Reconstructions at sampled z",
            reconstructions(true), String.format(Locale.ROOT, "The same %d test images as the reconstructions, "
                + "decoded at one z drawn from q(z|x) = N(mean, exp(logvar)) each instead of at the mean (seed %d).",
                RECON_COLUMNS * RECON_BANDS, seed)));
        case MANIFOLD -> figures.add(png(dir, name, "Manifold", manifold(), manifoldCaption()));
        case LATENT_SCATTER -> figures.add(png(dir, name, "Latent space", latentScatter(), scatterCaption()));
        case PRIOR_SAMPLES -> figures.add(png(dir, name, "Prior samples", priorSamples(),
            String.format(Locale.ROOT, "%d images decoded from z drawn from the prior N(0, I) (seed %d), shown as "
                + "Bernoulli means.", PRIOR_SIDE * PRIOR_SIDE, seed)));
        case POSTERIOR_SAMPLES -> figures.add(png(dir, name, "Posterior samples", posteriorSamples(),
            String.format(Locale.ROOT, "%d test images picked at random (left, seed %d) and right of each the decoded "
                + "means of %d draws of z from its posterior q(z|x) = N(mean, exp(logvar)).",
                POSTERIOR_IMAGES, seed, POSTERIOR_SAMPLES_PER_IMAGE)));
        case INTERPOLATION -> {
          figures.add(png(dir, name, "Interpolation", interpolation(),
              String.format(Locale.ROOT, "%d random pairs of test images of different digits (outer columns, seed "
                  + "%d) and between them the decoded means of %d evenly spaced points on the straight line "
                  + "between their encoder means.", INTERPOLATION_PAIRS, seed, INTERPOLATION_STEPS)));
          ImageFiles.writeLoopingGif(dir.resolve(name + ".gif"), interpolationFrames(), GIF_DELAY_MILLIS);
          figures.add(new Figure(name, name + ".gif", "Interpolation walk (animated)",
              String.format(Locale.ROOT, "A looping walk through the encoder means of %d test images of different "
                  + "digits (seed %d), %d linear steps from each to the next, decoded frame by frame (%d frames).",
                  GIF_CODES, seed, GIF_STEPS, GIF_FRAMES)));
        }
        case TRAINING_CURVES -> {
          if (epochs != null) {
            figures.add(png(dir, name, "Training curves", TrainingCurves.draw(epochs), String.format(Locale.ROOT,
                "-ELBO, reconstruction and KL in nats per image for each of the %d epochs, from metrics.json: "
                    + "training (solid, the mean over the epoch's batches as trained) and test (dashed, one "
                    + "sampled z per image).", epochs.size())));
          }
        }
        case ARCHITECTURE -> {
          AtomicFile.writeString(dir.resolve(name + ".txt"), ArchitectureSummary.text(vae.config(), imageName()));
          figures.add(png(dir, name, "Architecture", ArchitectureDiagram.draw(vae.config()),
              String.format(Locale.ROOT, "The layers with their widths and parameter counts (%,d in total), drawn "
                  + "from the model's configuration; architecture.txt and ./vae4j summary give the same as a "
                  + "table.", ArchitectureSummary.totalParams(vae.config()))));
        }
        default -> throw new UsageError("unknown figure '" + name + "'");
      }
    }
    return figures;
  }

  private String imageName() {
    return test.rows() + "x" + test.cols() + " images";
  }

  private static Figure png(Path dir, String name, String title, BufferedImage image, String caption) {
    ImageFiles.writePng(dir.resolve(name + ".png"), image);
    return new Figure(name, name + ".png", title, caption);
  }

  // ---- the figures ----

  /** Rows 'input' and 'recon' in RECON_BANDS bands of RECON_COLUMNS images. */
  BufferedImage reconstructions(boolean sampled) {
    int n = RECON_COLUMNS * RECON_BANDS;
    int[] images = reconstructionImages();
    float[] x = pixels(images);
    float[][] q = encode(x, n);
    float[] z = q[0];
    if (sampled) {
      z = sample(q[0], q[1], n, new Rng(seed + 1));
    }
    float[] recon = decode(z, n);
    Tiles tiles = new Tiles(2 * RECON_BANDS, RECON_COLUMNS, test.rows(), test.cols(), scale);
    String[] labels = new String[2 * RECON_BANDS];
    int p = test.pixels();
    for (int band = 0; band < RECON_BANDS; band++) {
      labels[2 * band] = "input";
      labels[2 * band + 1] = sampled ? "recon (z sampled)" : "recon";
      for (int c = 0; c < RECON_COLUMNS; c++) {
        int i = band * RECON_COLUMNS + c;
        tiles.set(2 * band, c, x, i * p).set(2 * band + 1, c, recon, i * p);
      }
    }
    return tiles.rowLabels(labels).render();
  }

  /** The test images the reconstructions show, in grid order (row-major within each band). */
  int[] reconstructionImages() {
    return pick(new Rng(seed), RECON_COLUMNS * RECON_BANDS);
  }

  /** Where the manifold's grid lies: the traversed dimensions (horizontal, vertical), or one for d = 1. */
  int[] manifoldDimensions() {
    if (d == 1) {
      return new int[] {0};
    }
    if (d == 2) {
      return new int[] {0, 1};
    }
    return new Pca(testMeans(), test.count(), d, 1).largestVarianceDimensions(2);
  }

  BufferedImage manifold() {
    int n = manifoldSize;
    double[] axis = InverseNormal.grid(n, MANIFOLD_LOW, MANIFOLD_HIGH);
    int[] dims = manifoldDimensions();
    int rows = dims.length == 1 ? 1 : n;
    float[] z = new float[rows * n * d]; // the other dimensions stay at 0
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < n; c++) {
        int i = r * n + c;
        z[i * d + dims[0]] = (float) axis[c];
        if (dims.length > 1) {
          z[i * d + dims[1]] = (float) axis[n - 1 - r]; // the top row is the largest value, as on a plot
        }
      }
    }
    float[] images = decode(z, rows * n);
    Tiles tiles = new Tiles(rows, n, test.rows(), test.cols(), scale);
    for (int i = 0; i < rows * n; i++) {
      tiles.set(i / n, i % n, images, i * test.pixels());
    }
    return tiles.render();
  }

  private String manifoldCaption() {
    int[] dims = manifoldDimensions();
    double end = InverseNormal.of(MANIFOLD_HIGH);
    String grid = String.format(Locale.ROOT, "Decoded means on a %d x %d grid of latent points whose coordinates are "
        + "the inverse normal CDF of %d evenly spaced values from %.2f to %.2f (z from %.2f to %.2f)",
        dims.length == 1 ? 1 : manifoldSize, manifoldSize, manifoldSize, MANIFOLD_LOW, MANIFOLD_HIGH, -end, end);
    if (d == 1) {
      return grid + ", along the one latent dimension.";
    }
    if (d == 2) {
      return grid + ": z1 grows left to right and z2 bottom to top.";
    }
    return String.format(Locale.ROOT, "%s: z%d grows left to right and z%d bottom to top, the two of the %d "
        + "dimensions whose test-set means vary most, with the other %d held at 0.",
        grid, dims[0] + 1, dims[1] + 1, d, d - 2);
  }

  private BufferedImage latentScatter() {
    return scatter().image;
  }

  private String scatterCaption() {
    return scatter().caption;
  }

  private Scatter scatter() {
    if (scatter != null) {
      return scatter;
    }
    int n = test.count();
    float[] means = testMeans();
    int[] order = pick(new Rng(seed + 2), n); // a shuffled drawing order: no digit is painted over all others
    float[] xy = new float[2 * n];
    int[] labels = new int[n];
    String title;
    String xLabel;
    String yLabel;
    String how;
    Pca pca = d > 2 ? new Pca(means, n, d, 2) : null;
    float[] projected = pca != null ? pca.project(means, n) : null;
    Rng jitter = new Rng(seed + 3);
    for (int k = 0; k < n; k++) {
      int i = order[k];
      labels[k] = test.label(i);
      if (d == 1) {
        xy[2 * k] = means[i];
        xy[2 * k + 1] = labels[k] + jitter.uniform(0.3f);
      } else if (d == 2) {
        xy[2 * k] = means[2 * i];
        xy[2 * k + 1] = means[2 * i + 1];
      } else {
        xy[2 * k] = projected[2 * i];
        xy[2 * k + 1] = projected[2 * i + 1];
      }
    }
    if (d == 1) {
      title = "Test-set means, d = 1";
      xLabel = "z1";
      yLabel = "digit (jittered)";
      how = "the one latent dimension against the digit, jittered";
    } else if (d == 2) {
      title = "Test-set means, d = 2";
      xLabel = "z1";
      yLabel = "z2";
      how = "z1 against z2";
    } else {
      title = "Test-set means, d = " + d + ", PCA to 2-D";
      xLabel = String.format(Locale.ROOT, "PC1 (%.0f%% of variance)", 100 * pca.varianceShare(0));
      yLabel = String.format(Locale.ROOT, "PC2 (%.0f%% of variance)", 100 * pca.varianceShare(1));
      how = String.format(Locale.ROOT, "projected by PCA onto their first two principal components, which hold "
          + "%.0f%% and %.0f%% of the %d-dimensional means' variance", 100 * pca.varianceShare(0),
          100 * pca.varianceShare(1), d);
    }
    BufferedImage image = LatentScatter.draw(xy, labels, n, title, xLabel, yLabel);
    String caption = String.format(Locale.ROOT, "The encoder means of all %,d test images, coloured by their "
        + "digit label, %s.", n, how);
    scatter = new Scatter(image, caption);
    return scatter;
  }

  BufferedImage priorSamples() {
    int n = PRIOR_SIDE * PRIOR_SIDE;
    float[] z = new float[n * d];
    new Rng(seed + 4).fillGaussian(z, 0, z.length);
    float[] images = decode(z, n);
    Tiles tiles = new Tiles(PRIOR_SIDE, PRIOR_SIDE, test.rows(), test.cols(), scale);
    for (int i = 0; i < n; i++) {
      tiles.set(i / PRIOR_SIDE, i % PRIOR_SIDE, images, i * test.pixels());
    }
    return tiles.render();
  }

  /** Column 0: the test image; then its posterior samples. */
  BufferedImage posteriorSamples() {
    int[] images = posteriorImages();
    int n = images.length;
    int s = POSTERIOR_SAMPLES_PER_IMAGE;
    float[] x = pixels(images);
    float[][] q = encode(x, n);
    float[] mean = new float[n * s * d];
    float[] logvar = new float[n * s * d];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < s; k++) {
        System.arraycopy(q[0], i * d, mean, (i * s + k) * d, d);
        System.arraycopy(q[1], i * d, logvar, (i * s + k) * d, d);
      }
    }
    float[] decoded = decode(sample(mean, logvar, n * s, new Rng(seed + 6)), n * s);
    int p = test.pixels();
    Tiles tiles = new Tiles(n, 1 + s, test.rows(), test.cols(), scale).gapAfter(0);
    for (int i = 0; i < n; i++) {
      tiles.set(i, 0, x, i * p);
      for (int k = 0; k < s; k++) {
        tiles.set(i, 1 + k, decoded, (i * s + k) * p);
      }
    }
    return tiles.render();
  }

  int[] posteriorImages() {
    return pick(new Rng(seed + 5), POSTERIOR_IMAGES);
  }

  /** Each row: image a, the decoded line from a's mean to b's, image b. */
  BufferedImage interpolation() {
    Rng rng = new Rng(seed + 7);
    int pairs = INTERPOLATION_PAIRS;
    int steps = INTERPOLATION_STEPS;
    int[] ends = new int[2 * pairs];
    for (int i = 0; i < pairs; i++) {
      int[] two = distinctDigits(rng, 2);
      ends[2 * i] = two[0];
      ends[2 * i + 1] = two[1];
    }
    float[] x = pixels(ends);
    float[] means = encode(x, 2 * pairs)[0];
    float[] z = new float[pairs * steps * d];
    for (int i = 0; i < pairs; i++) {
      for (int k = 0; k < steps; k++) {
        float t = steps == 1 ? 0.5f : (float) k / (steps - 1);
        for (int j = 0; j < d; j++) {
          z[(i * steps + k) * d + j] = (1 - t) * means[2 * i * d + j] + t * means[(2 * i + 1) * d + j];
        }
      }
    }
    float[] decoded = decode(z, pairs * steps);
    int p = test.pixels();
    Tiles tiles = new Tiles(pairs, steps + 2, test.rows(), test.cols(), scale).gapAfter(0).gapAfter(steps);
    for (int i = 0; i < pairs; i++) {
      tiles.set(i, 0, x, 2 * i * p).set(i, steps + 1, x, (2 * i + 1) * p);
      for (int k = 0; k < steps; k++) {
        tiles.set(i, 1 + k, decoded, (i * steps + k) * p);
      }
    }
    return tiles.render();
  }

  /** GIF_FRAMES frames: GIF_STEPS from each of GIF_CODES codes towards the next, the last back to the first. */
  List<BufferedImage> interpolationFrames() {
    int[] codes = distinctDigits(new Rng(seed + 8), GIF_CODES);
    float[] means = encode(pixels(codes), GIF_CODES)[0];
    float[] z = new float[GIF_FRAMES * d];
    for (int c = 0; c < GIF_CODES; c++) {
      int next = (c + 1) % GIF_CODES;
      for (int k = 0; k < GIF_STEPS; k++) {
        float t = (float) k / GIF_STEPS; // the next code is the next segment's first frame
        for (int j = 0; j < d; j++) {
          z[(c * GIF_STEPS + k) * d + j] = (1 - t) * means[c * d + j] + t * means[next * d + j];
        }
      }
    }
    float[] decoded = decode(z, GIF_FRAMES);
    List<BufferedImage> frames = new ArrayList<>();
    int rows = test.rows();
    int cols = test.cols();
    for (int f = 0; f < GIF_FRAMES; f++) {
      // RGB, not TYPE_BYTE_GRAY: that one's linear colour space would change the grey levels on the way out
      BufferedImage frame = new BufferedImage(cols * GIF_SCALE, rows * GIF_SCALE, BufferedImage.TYPE_INT_RGB);
      for (int y = 0; y < rows * GIF_SCALE; y++) {
        for (int x = 0; x < cols * GIF_SCALE; x++) {
          int v = Tiles.grey(decoded[f * rows * cols + (y / GIF_SCALE) * cols + x / GIF_SCALE]);
          frame.setRGB(x, y, (v << 16) | (v << 8) | v);
        }
      }
      frames.add(frame);
    }
    return frames;
  }

  // ---- the model, in chunks ----

  /** (N, d) encoder means of the whole test set. */
  float[] testMeans() {
    if (testMeans == null) {
      int n = test.count();
      float[] x = new float[n * test.pixels()];
      test.toFloats(0, n, x);
      testMeans = encode(x, n)[0];
    }
    return testMeans;
  }

  // x: (n, P) -> {mean (n, d), logvar (n, d)}, copied out of the model's workspace
  private float[][] encode(float[] x, int n) {
    int p = test.pixels();
    float[] mean = new float[n * d];
    float[] logvar = new float[n * d];
    float[] chunk = new float[CHUNK * p];
    for (int from = 0; from < n; from += CHUNK) {
      int b = Math.min(CHUNK, n - from);
      System.arraycopy(x, from * p, chunk, 0, b * p);
      vae.encode(chunk, b);
      System.arraycopy(vae.mean(), 0, mean, from * d, b * d);
      System.arraycopy(vae.logvar(), 0, logvar, from * d, b * d);
    }
    return new float[][] {mean, logvar};
  }

  // z: (n, d) -> (n, P) Bernoulli means
  private float[] decode(float[] z, int n) {
    int p = test.pixels();
    float[] out = new float[n * p];
    float[] chunk = new float[CHUNK * d];
    for (int from = 0; from < n; from += CHUNK) {
      int b = Math.min(CHUNK, n - from);
      System.arraycopy(z, from * d, chunk, 0, b * d);
      System.arraycopy(vae.decode(chunk, b), 0, out, from * p, b * p);
    }
    return out;
  }

  // z = mean + exp(logvar / 2) eps, all (n, d)
  private float[] sample(float[] mean, float[] logvar, int n, Rng rng) {
    float[] z = new float[n * d];
    rng.fillGaussian(z, 0, z.length);
    for (int i = 0; i < z.length; i++) {
      z[i] = mean[i] + (float) Math.exp(logvar[i] / 2) * z[i];
    }
    return z;
  }

  private float[] pixels(int[] images) {
    float[] x = new float[images.length * test.pixels()];
    test.toFloats(images, 0, images.length, x);
    return x;
  }

  /** n distinct test images, at random (a partial Fisher-Yates shuffle). */
  private int[] pick(Rng rng, int n) {
    int count = test.count();
    int[] order = new int[count];
    for (int i = 0; i < count; i++) {
      order[i] = i;
    }
    int k = Math.min(n, count);
    for (int i = 0; i < k; i++) {
      int j = i + rng.nextInt(count - i);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int[] picked = Arrays.copyOf(order, n);
    for (int i = k; i < n; i++) { // fewer test images than asked for: repeat them
      picked[i] = order[i % k];
    }
    return picked;
  }

  /** n random test images with different labels while there are labels left to differ. */
  private int[] distinctDigits(Rng rng, int n) {
    int[] picked = new int[n];
    boolean[] used = new boolean[10];
    for (int i = 0; i < n; i++) {
      int candidate = rng.nextInt(test.count());
      for (int tries = 0; tries < 1000 && used[Math.floorMod(test.label(candidate), 10)]; tries++) {
        candidate = rng.nextInt(test.count());
      }
      used[Math.floorMod(test.label(candidate), 10)] = true;
      picked[i] = candidate;
    }
    return picked;
  }
}
