package org.vae4j.viz;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vae4j.nn.Rng;

/**
 * Walks in latent space between encoder means, decoded: a PNG with pairs of test images and the straight
 * line between their means, and a looping GIF through the means of several images. The pairs are of
 * different digits; for a conditional model, of the same digit (given to the decoder), so that the walk
 * shows the style.
 */
final class InterpolationFigure implements FigureMaker {
  static final int PAIRS = 8;
  static final int STEPS = 10;
  static final int GIF_CODES = 6;
  static final int GIF_STEPS = 15;
  static final int GIF_FRAMES = GIF_CODES * GIF_STEPS;
  static final int GIF_SCALE = 4;
  static final int GIF_DELAY_MILLIS = 60;

  @Override
  public String name() {
    return Figures.INTERPOLATION;
  }

  @Override
  public List<Figure> write(FigureContext ctx, Path dir) {
    String pairs = ctx.conditional() ? "pairs of test images of the same digit, given to the decoder,"
        : "pairs of test images of different digits";
    Figure png = png(dir, "Interpolation", draw(ctx), String.format(Locale.ROOT, "%d random %s (outer columns, "
        + "seed %d) and between them the decoded means of %d evenly spaced points on the straight line between "
        + "their encoder means.", PAIRS, pairs, ctx.seed, STEPS));
    String gif = name() + ".gif";
    ImageFiles.writeLoopingGif(dir.resolve(gif), frames(ctx), GIF_DELAY_MILLIS);
    return List.of(png, new Figure(name(), gif, "Interpolation walk (animated)", String.format(Locale.ROOT,
        "A looping walk through the encoder means of %d test images of different digits (seed %d), %d linear "
        + "steps from each to the next, decoded frame by frame (%d frames)%s.", GIF_CODES, ctx.seed, GIF_STEPS,
        GIF_FRAMES, ctx.conditional() ? ", each step with the label of the image it starts from" : "")));
  }

  /** Each row: image a, the decoded line from a's mean to b's, image b. */
  BufferedImage draw(FigureContext ctx) {
    Rng rng = new Rng(ctx.seed + 7);
    int d = ctx.d;
    int[] ends = new int[2 * PAIRS];
    for (int i = 0; i < PAIRS; i++) {
      int[] two = ctx.distinctDigits(rng, 2);
      ends[2 * i] = two[0];
      ends[2 * i + 1] = ctx.conditional() ? ctx.sameDigit(rng, ctx.test.label(two[0]), two[0]) : two[1];
    }
    float[] x = ctx.pixels(ends);
    int[] endLabels = ctx.labels(ends);
    float[] means = ctx.model.encode(x, endLabels, 2 * PAIRS).mean();
    float[] z = new float[PAIRS * STEPS * d];
    int[] labels = endLabels == null ? null : new int[PAIRS * STEPS];
    for (int i = 0; i < PAIRS; i++) {
      for (int k = 0; k < STEPS; k++) {
        float t = STEPS == 1 ? 0.5f : (float) k / (STEPS - 1);
        for (int j = 0; j < d; j++) {
          z[(i * STEPS + k) * d + j] = (1 - t) * means[2 * i * d + j] + t * means[(2 * i + 1) * d + j];
        }
        if (labels != null) {
          labels[i * STEPS + k] = endLabels[2 * i];
        }
      }
    }
    float[] decoded = ctx.model.decode(z, labels, PAIRS * STEPS);
    int p = ctx.test.pixels();
    Tiles tiles = ctx.tiles(PAIRS, STEPS + 2).gapAfter(0).gapAfter(STEPS);
    for (int i = 0; i < PAIRS; i++) {
      tiles.set(i, 0, x, 2 * i * p).set(i, STEPS + 1, x, (2 * i + 1) * p);
      for (int k = 0; k < STEPS; k++) {
        tiles.set(i, 1 + k, decoded, (i * STEPS + k) * p);
      }
    }
    return tiles.render();
  }

  /** GIF_FRAMES frames: GIF_STEPS from each of GIF_CODES codes towards the next, the last back to the first. */
  List<BufferedImage> frames(FigureContext ctx) {
    int d = ctx.d;
    int[] codes = ctx.distinctDigits(new Rng(ctx.seed + 8), GIF_CODES);
    int[] codeLabels = ctx.labels(codes);
    float[] means = ctx.model.encode(ctx.pixels(codes), codeLabels, GIF_CODES).mean();
    float[] z = new float[GIF_FRAMES * d];
    int[] labels = codeLabels == null ? null : new int[GIF_FRAMES];
    for (int c = 0; c < GIF_CODES; c++) {
      int next = (c + 1) % GIF_CODES;
      for (int k = 0; k < GIF_STEPS; k++) {
        float t = (float) k / GIF_STEPS; // the next code is the next segment's first frame
        for (int j = 0; j < d; j++) {
          z[(c * GIF_STEPS + k) * d + j] = (1 - t) * means[c * d + j] + t * means[next * d + j];
        }
        if (labels != null) {
          labels[c * GIF_STEPS + k] = codeLabels[c];
        }
      }
    }
    float[] decoded = ctx.model.decode(z, labels, GIF_FRAMES);
    List<BufferedImage> frames = new ArrayList<>();
    int rows = ctx.test.rows();
    int cols = ctx.test.cols();
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
}
