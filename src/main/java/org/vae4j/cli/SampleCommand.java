package org.vae4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vae4j.UsageError;
import org.vae4j.model.ModelFile;
import org.vae4j.model.ModelSpec;
import org.vae4j.model.Vae;
import org.vae4j.nn.Gemm;
import org.vae4j.nn.Parallel;
import org.vae4j.viz.ImageFiles;
import org.vae4j.viz.SampleGrid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** vae4j sample: images decoded from the prior, of a chosen digit for a conditional model, as one PNG grid. */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Draw images from a trained model: z from the prior N(0, I), decoded to the likelihood's means, "
        + "written as one PNG grid. A conditional model (cvae) draws the digit given by --digit, or every digit "
        + "in turn."})
final class SampleCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "DIR",
      description = "Run folder holding model.safetensors")
  Path model;

  @Option(names = "--digit", paramLabel = "C", description = "The label to draw (conditional models only; "
      + "default: every label in turn)")
  Integer digit;

  @Option(names = "--count", defaultValue = "64", paramLabel = "N",
      description = "Images to draw (default: ${DEFAULT-VALUE})")
  int count;

  @Option(names = "--out", paramLabel = "FILE", description = "The PNG to write (default: <model>/samples.png, or "
      + "samples-digit<C>.png with --digit)")
  Path out;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of z (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--columns", paramLabel = "N", description = "Images per row (default: a square, or one row per "
      + "label when a conditional model draws every label)")
  Integer columns;

  @Option(names = "--scale", defaultValue = "2", paramLabel = "N",
      description = "Draw each pixel as N x N (default: ${DEFAULT-VALUE})")
  int scale;

  @Mixin
  EngineOptions engine;

  @Mixin
  VerboseOption verbose;

  /** At most this many images: a grid of them is already a 40-megapixel PNG at scale 2. */
  static final int MAX_COUNT = 10_000;

  @Override
  public Integer call() {
    OptionChecks.requirePositive("--count", count);
    if (count > MAX_COUNT) {
      throw new UsageError("--count must be at most " + MAX_COUNT + ", got " + count);
    }
    if (scale < 1 || scale > 8) {
      throw new UsageError("--scale must be 1 to 8, got " + scale);
    }
    if (columns != null) {
      OptionChecks.requirePositive("--columns", columns);
    }
    Parallel parallel = engine.parallel();
    Gemm gemm = engine.create(parallel, System.err);
    Vae vae = RunFolder.model(model, gemm, parallel).vae();
    ModelSpec spec = vae.spec();
    int[] labels = labels(vae);
    int perRow = columns != null ? columns
        : labels != null && digit == null ? (count + vae.classes() - 1) / vae.classes()
        : (int) Math.ceil(Math.sqrt(count));
    Path file = out != null ? out : model.resolve(digit == null ? "samples.png" : "samples-digit" + digit + ".png");
    ImageFiles.writePng(file, SampleGrid.draw(vae, spec.rows(), spec.cols(), count, labels, seed, perRow, scale));
    System.out.printf(Locale.ROOT, "wrote %s: %d images from the prior (seed %d)%s%n", file, count, seed,
        digit != null ? " of digit " + digit : labels != null ? ", the labels 0.." + (vae.classes() - 1)
            + " in turn, one row each" : "");
    return 0;
  }

  /** Each image's label: --digit, or every label in turn in rows; null for an unconditional model. */
  private int[] labels(Vae vae) {
    if (!vae.conditional()) {
      if (digit != null) {
        throw new UsageError("--digit: the model in " + model + " is not conditional (kind " + vae.spec().kind()
            + "); it takes no label");
      }
      return null;
    }
    int classes = vae.classes();
    if (digit != null && (digit < 0 || digit >= classes)) {
      throw new UsageError("--digit must be 0 to " + (classes - 1) + " for this model, got " + digit);
    }
    int[] labels = new int[count];
    int perLabel = (count + classes - 1) / classes;
    for (int i = 0; i < count; i++) {
      labels[i] = digit != null ? digit : Math.min(i / perLabel, classes - 1);
    }
    return labels;
  }
}
