package org.vae4j.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vae4j.UsageError;
import org.vae4j.UserError;
import org.vae4j.anomaly.AnomalyScorer;
import org.vae4j.anomaly.AnomalyScores;
import org.vae4j.anomaly.Flags;
import org.vae4j.anomaly.Score;
import org.vae4j.anomaly.ScoresCsv;
import org.vae4j.data.ImageSet;
import org.vae4j.data.ImageSource;
import org.vae4j.data.ImageSources;
import org.vae4j.model.ModelFile;
import org.vae4j.model.ModelSpec;
import org.vae4j.model.Vae;
import org.vae4j.nn.Gemm;
import org.vae4j.nn.Parallel;
import org.vae4j.train.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** vae4j score: each image's anomaly scores under a trained model, as CSV; optionally flags the anomalies. */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Score images for anomaly or out-of-distribution detection under a trained model: per image the "
        + "-ELBO, the importance-weighted NLL (--iw K samples), the reconstruction BCE, the NLL corrected for the "
        + "image's complexity (Serra et al. 2020) by its pixels' entropy and by its PNG size, and with "
        + "--background the likelihood ratio against a model trained on perturbed images (Ren et al. 2019). "
        + "Higher is more anomalous. Writes one CSV row per image; --threshold or --contamination adds a "
        + "column flagging the anomalies."})
final class ScoreCommand implements Callable<Integer> {
  static final int DEFAULT_IW = 100;

  @Option(names = "--model", required = true, paramLabel = "DIR", description = "Run folder holding model.safetensors")
  Path model;

  @Option(names = "--images", required = true, paramLabel = "PATH",
      description = "An IDX images file (gzip or raw), or a folder holding a dataset's IDX files, whose test pair "
          + "(t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte) is scored")
  Path images;

  @Option(names = "--labels", paramLabel = "FILE", description = "IDX labels of --images, written to the CSV "
      + "(a folder's own t10k-labels file is read without it)")
  Path labels;

  @Option(names = "--background", paramLabel = "DIR", description = "Run folder of the background model for the "
      + "likelihood ratio (llr): one trained on perturbed images, as 'vae4j anomaly-benchmark' trains them")
  Path background;

  @Option(names = "--iw", defaultValue = "" + DEFAULT_IW, paramLabel = "K",
      description = "Samples of z per image for the scores (default: ${DEFAULT-VALUE})")
  int iw;

  @Option(names = "--threshold", paramLabel = "T", description = "Flag the images whose --flag-by score is T or more")
  Double threshold;

  @Option(names = "--contamination", paramLabel = "F", description = "Flag the fraction F of the images that score "
      + "highest on --flag-by (0 < F < 1)")
  Double contamination;

  @Option(names = "--flag-by", paramLabel = "SCORE", description = "The score --threshold and --contamination apply "
      + "to: nelbo, iw_nll, reconstruction, complexity_corrected, png_corrected or llr (default: "
      + "complexity_corrected)")
  String flagBy;

  @Option(names = "--out", defaultValue = "scores.csv", paramLabel = "FILE",
      description = "The CSV file to write (default: ${DEFAULT-VALUE})")
  Path out;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the sampled z (default: ${DEFAULT-VALUE})")
  long seed;

  @Mixin
  EngineOptions engine;

  @Mixin
  VerboseOption verbose;

  @Override
  public Integer call() {
    OptionChecks.requirePositive("--iw", iw);
    if (threshold != null && contamination != null) {
      throw new UsageError("give --threshold or --contamination, not both");
    }
    Score flagScore = flagBy == null ? Score.ENTROPY_CORRECTED : Score.named("flag_by", flagBy);
    if (flagScore == Score.LIKELIHOOD_RATIO && background == null) {
      throw new UsageError("--flag-by llr needs --background DIR");
    }
    PrintStream log = System.err;
    Parallel parallel = engine.parallel();
    Gemm gemm = engine.create(parallel, log);
    ModelFile.Loaded loaded = RunFolder.model(model, gemm, parallel);
    Vae backgroundModel = background == null ? null : backgroundModel(loaded.vae().spec(), gemm, parallel);
    ImageSource source = ImageSources.open("--images", images, labels);
    ImageSet set = source.images();
    ModelSpec spec = loaded.vae().spec();
    if (set.rows() != spec.rows() || set.cols() != spec.cols()) {
      throw new UserError("--images " + images + ": images of " + set.rows() + "x" + set.cols() + " pixels, but "
          + "the model in " + model + " takes " + spec.rows() + "x" + spec.cols());
    }
    set = RunFolder.binarization(loaded.config(), model.resolve(TrainingRun.MODEL_FILE)).testImages(set);
    log.printf(Locale.ROOT, "vae4j score: %,d images of %s under %s (%s %s), K = %d%s%n", set.count(),
        source.description(), model, spec.kind(), spec.sizes(), iw,
        background == null ? "" : ", background " + background);

    AnomalyScores scores = new AnomalyScorer(loaded.vae(), backgroundModel, iw, seed).score(set, source.labelled());
    Flags flags = threshold != null ? Flags.atThreshold(flagScore, scores.get(flagScore), threshold)
        : contamination != null ? Flags.contamination(flagScore, scores.get(flagScore), contamination) : null;
    ScoresCsv.write(out, new ImageSource(source.description(), set, source.labelled(), source.names()), scores,
        flags);

    PrintStream stdout = System.out;
    stdout.printf(Locale.ROOT, "scored %,d images in %.1f s (%,.0f images/s, K = %d)%n", scores.count(),
        scores.seconds(), scores.imagesPerSecond(), iw);
    for (Score s : scores.scores()) {
      stdout.printf(Locale.ROOT, "  %-26s mean %10.2f  median %10.2f  %s%n", s.title(), mean(scores.get(s)),
          median(scores.get(s)), s.unit());
    }
    if (flags != null) {
      stdout.printf(Locale.ROOT, "flagged %,d of %,d images as anomalies (%s >= %.4f)%n", flags.count(),
          scores.count(), flagScore.column(), flags.threshold());
    }
    stdout.println("wrote " + out);
    return 0;
  }

  private Vae backgroundModel(ModelSpec spec, Gemm gemm, Parallel parallel) {
    Vae vae = RunFolder.model(background, gemm, parallel).vae();
    ModelSpec b = vae.spec();
    if (b.rows() != spec.rows() || b.cols() != spec.cols()) {
      throw new UserError("--background " + background + ": its model takes " + b.rows() + "x" + b.cols()
          + " images, the model in " + model + " takes " + spec.rows() + "x" + spec.cols());
    }
    return vae;
  }

  private static double mean(double[] v) {
    double sum = 0;
    for (double x : v) {
      sum += x;
    }
    return sum / v.length;
  }

  private static double median(double[] v) {
    double[] sorted = v.clone();
    java.util.Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
