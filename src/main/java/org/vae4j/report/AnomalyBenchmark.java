package org.vae4j.report;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.vae4j.InvalidSetting;
import org.vae4j.anomaly.AnomalyScorer;
import org.vae4j.anomaly.AnomalyScores;
import org.vae4j.anomaly.Auroc;
import org.vae4j.anomaly.RocCurve;
import org.vae4j.anomaly.Score;
import org.vae4j.anomaly.ScoresCsv;
import org.vae4j.data.Dataset;
import org.vae4j.data.ImageSet;
import org.vae4j.data.ImageSource;
import org.vae4j.model.ModelFile;
import org.vae4j.model.ModelSpec;
import org.vae4j.model.ObjectiveSpec;
import org.vae4j.model.Vae;
import org.vae4j.nn.Gemm;
import org.vae4j.nn.Parallel;
import org.vae4j.train.CheckpointFile;
import org.vae4j.train.Progress;
import org.vae4j.train.RunConfig;
import org.vae4j.train.TrainOptions;
import org.vae4j.train.TrainingRun;
import org.vae4j.viz.ImageFiles;
import org.vae4j.viz.RocFigure;
import org.vae4j.viz.ScoreHistogramFigure;

/**
 * The anomaly benchmark, by the literature's protocols, on any unconditional model kind:
 * <ul>
 *   <li>one-class MNIST and one-class Fashion-MNIST: for each class c, a model trained on the training images
 *       of c alone scores the whole test set, class c normal and the rest anomalies; AUROC per class;</li>
 *   <li>out of distribution: a model trained on Fashion-MNIST scores the Fashion-MNIST test set (normal) and
 *       the MNIST test set (anomalies), and the reverse.</li>
 * </ul>
 * With a background rate, each model also has a background model of the same kind trained on its images
 * perturbed (each pixel replaced by a uniform random value with that probability), for the likelihood ratio. Models are trained into
 * folders under out and reused when a later run has the same settings; every test set's scores go to a CSV
 * beside its model; figures and report.html / report.md go to out.
 */
public final class AnomalyBenchmark {
  public static final String MNIST = "mnist";
  public static final String FASHION_MNIST = "fashion-mnist";
  static final String FIGURES = "figures";
  /** The sample counts the throughput is measured at. */
  static final int[] THROUGHPUT_K = {1, 100};
  /** The scores drawn as ROC curves per class and as histograms: the raw likelihood and its corrections. */
  static final List<Score> FIGURE_SCORES = List.of(Score.NLL, Score.ENTROPY_CORRECTED, Score.LIKELIHOOD_RATIO);

  /** The three parts; a run may do a subset. */
  public enum Part {
    ONE_CLASS_MNIST("one-class-mnist"), ONE_CLASS_FASHION_MNIST("one-class-fashion-mnist"), OOD("ood");

    private final String id;

    Part(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }

    public static Part named(String id) {
      for (Part p : values()) {
        if (p.id.equals(id)) {
          return p;
        }
      }
      throw new InvalidSetting("parts", "must list one-class-mnist, one-class-fashion-mnist or ood, got '" + id + "'");
    }
  }

  /**
   * The settings: the model (its rows, cols and classes are those of the images: 28 x 28, unconditional), the
   * training of the one-class and of the out-of-distribution models, K, the background rate, the classes of the
   * one-class parts, the parts, the image counts (null: all), the images the throughput is measured on, and
   * the command line, for the report. A background rate of 0 trains no background models (no likelihood ratio).
   */
  public record Setup(ModelSpec model, TrainOptions oneClassTraining, TrainOptions oodTraining, int samples,
                      double backgroundRate, List<Integer> classes, Set<Part> parts, Integer trainImages,
                      Integer testImages, int throughputImages, String command) {
    public Setup {
      if (model.classes() != 0) {
        throw new InvalidSetting("kind", "'" + model.kind() + "' is conditioned on the label, which would tell the "
            + "model which images are anomalies; use an unconditional kind");
      }
      InvalidSetting.atLeast("iw", samples, 1);
      if (!(backgroundRate >= 0 && backgroundRate < 1)) {
        throw new InvalidSetting("background_rate", "must be at least 0 (none) and below 1, got " + backgroundRate);
      }
      for (int c : classes) {
        if (c < 0 || c > 9) {
          throw new InvalidSetting("classes", "must be digits 0..9, got " + c);
        }
      }
      if (parts.isEmpty()) {
        throw new InvalidSetting("parts", "must name at least one part");
      }
      classes = List.copyOf(classes);
      parts = Set.copyOf(parts);
    }
  }

  /** One class's model in a one-class part: its AUROC for each score and its training time. */
  public record ClassResult(int label, String name, Map<Score, Double> auroc, double trainingSeconds) {}

  /** A one-class part: a row per class, and its figures' files. */
  public record OneClass(String dataset, List<ClassResult> classes, List<String> figures) {
    public double meanAuroc(Score score) {
      return classes.stream().mapToDouble(c -> c.auroc().get(score)).average().orElse(Double.NaN);
    }
  }

  /** One direction of the out-of-distribution part: AUROC for each score, and each set's mean NLL. */
  public record Ood(String trainedOn, String against, Map<Score, Double> auroc, double normalNll, double anomalyNll,
                    List<String> figures) {}

  /** Scoring speed at each K, the median over the rounds, alternating K within each round. */
  public record Throughput(int images, Map<Integer, Double> imagesPerSecond, int rounds) {}

  public record Result(List<OneClass> oneClass, List<Ood> ood, Throughput throughput, List<String> figures,
                       double seconds, Path html, Path markdown) {}

  private final Path out;
  private final Setup setup;
  private final Function<String, Dataset> datasets;
  private final Gemm gemm;
  private final Parallel parallel;
  private final Supplier<Progress> progress;
  private final PrintStream log;
  private final Map<String, Dataset> loaded = new LinkedHashMap<>();

  private AnomalyBenchmark(Path out, Setup setup, Function<String, Dataset> datasets, Gemm gemm, Parallel parallel,
                           Supplier<Progress> progress, PrintStream log) {
    this.out = out;
    this.setup = setup;
    this.datasets = datasets;
    this.gemm = gemm;
    this.parallel = parallel;
    this.progress = progress;
    this.log = log;
  }

  /** Runs the parts of setup; datasets loads "mnist" and "fashion-mnist" (each once). */
  public static Result run(Path out, Setup setup, Function<String, Dataset> datasets, Gemm gemm, Parallel parallel,
                           Supplier<Progress> progress, PrintStream log) {
    return new AnomalyBenchmark(out, setup, datasets, gemm, parallel, progress, log).run();
  }

  private Result run() {
    long start = System.nanoTime();
    TrainingRun.prepareOutDir(out);
    TrainingRun.prepareOutDir(out.resolve(FIGURES));
    List<OneClass> oneClass = new ArrayList<>();
    List<String> figures = new ArrayList<>();
    for (Part part : List.of(Part.ONE_CLASS_MNIST, Part.ONE_CLASS_FASHION_MNIST)) {
      if (setup.parts().contains(part)) {
        String name = part == Part.ONE_CLASS_MNIST ? MNIST : FASHION_MNIST;
        OneClass result = oneClass(part, name);
        oneClass.add(result);
        figures.addAll(result.figures());
      }
    }
    List<Ood> ood = new ArrayList<>();
    Vae throughputModel = null;
    if (setup.parts().contains(Part.OOD)) {
      for (String[] pair : new String[][] {{FASHION_MNIST, MNIST}, {MNIST, FASHION_MNIST}}) {
        Models models = oodModels(pair[0]);
        throughputModel = throughputModel == null ? models.model() : throughputModel;
        ood.add(ood(pair[0], pair[1], models));
      }
    }
    if (throughputModel == null) {
      String name = oneClass.get(0).dataset();
      throughputModel = ModelFile.load(out.resolve(Part.named("one-class-" + name).id())
          .resolve("c" + setup.classes().get(0)).resolve(TrainingRun.MODEL_FILE), gemm, parallel).vae();
    }
    Throughput throughput = throughput(throughputModel, data(oneClass.isEmpty() ? FASHION_MNIST
        : oneClass.get(0).dataset()).test());
    double seconds = (System.nanoTime() - start) / 1e9;
    MachineInfo machine = MachineInfo.current(gemm.name(), parallel.threads());
    AnomalyReport report = new AnomalyReport(setup, machine, oneClass, ood, throughput, figures, seconds);
    Path html = out.resolve(Experiment.HTML);
    Path markdown = out.resolve(Experiment.MARKDOWN);
    report.writeHtml(html, out);
    report.writeMarkdown(markdown);
    return new Result(oneClass, ood, throughput, figures, seconds, html, markdown);
  }

  // ---- one-class ----

  private OneClass oneClass(Part part, String name) {
    Dataset data = data(name);
    ImageSet train = limit(data.train(), setup.trainImages());
    ImageSet test = limit(data.test(), setup.testImages());
    Path dir = out.resolve(part.id());
    List<ClassResult> rows = new ArrayList<>();
    Map<Score, List<RocFigure.Curve>> curves = new EnumMap<>(Score.class);
    for (int c : setup.classes()) {
      boolean[] anomalous = new boolean[test.count()];
      ImageSet normalTrain = train.withLabels(c);
      ImageSet normalTest = test.withLabels(c);
      long trainStart = System.nanoTime();
      Models models = models(dir, "c" + c, name, normalTrain, normalTest, setup.oneClassTraining());
      double trainingSeconds = (System.nanoTime() - trainStart) / 1e9;
      AnomalyScores scores = new AnomalyScorer(models.model(), models.background(), setup.samples(),
          setup.oneClassTraining().seed()).score(test, true);
      ScoresCsv.write(dir.resolve("c" + c).resolve("scores.csv"), new ImageSource(name + " test", test, true, null),
          scores, null);
      for (int i = 0; i < anomalous.length; i++) {
        anomalous[i] = test.label(i) != c;
      }
      Map<Score, Double> auroc = aurocs(scores, anomalous);
      rows.add(new ClassResult(c, className(name, c), auroc, trainingSeconds));
      for (Score s : FIGURE_SCORES) {
        if (!scores.has(s)) {
          continue;
        }
        RocCurve roc = RocCurve.of(scores.where(s, not(anomalous)), scores.where(s, anomalous));
        curves.computeIfAbsent(s, k -> new ArrayList<>()).add(new RocFigure.Curve(String.format(Locale.ROOT,
            "%s: %.3f", className(name, c), auroc.get(s)), roc.falsePositiveRate(), roc.truePositiveRate()));
      }
      log.printf(Locale.ROOT, "vae4j anomaly-benchmark: %s class %d (%s): AUROC %s (%,.0f images/s)%n", name, c,
          className(name, c), describe(auroc), scores.imagesPerSecond());
    }
    List<String> figures = new ArrayList<>();
    curves.forEach((score, list) -> figures.add(write(part.id() + "-roc-" + score.column() + ".png",
        RocFigure.draw("one-class " + title(name) + ": " + score.title(), list))));
    return new OneClass(name, rows, figures);
  }

  // ---- out of distribution ----

  private Models oodModels(String name) {
    Dataset data = data(name);
    return models(out.resolve(Part.OOD.id()), name, name, limit(data.train(), setup.trainImages()),
        limit(data.test(), setup.testImages()), setup.oodTraining());
  }

  private Ood ood(String trainedOn, String against, Models models) {
    ImageSet normal = limit(data(trainedOn).test(), setup.testImages());
    ImageSet anomalies = limit(data(against).test(), setup.testImages());
    long seed = setup.oodTraining().seed();
    AnomalyScorer scorer = new AnomalyScorer(models.model(), models.background(), setup.samples(), seed);
    AnomalyScores normalScores = scorer.score(normal, true);
    AnomalyScores anomalyScores = scorer.score(anomalies, true);
    Path dir = out.resolve(Part.OOD.id()).resolve(trainedOn);
    ScoresCsv.write(dir.resolve("scores-" + trainedOn + ".csv"), new ImageSource(trainedOn + " test", normal, true,
        null), normalScores, null);
    ScoresCsv.write(dir.resolve("scores-" + against + ".csv"), new ImageSource(against + " test", anomalies, true,
        null), anomalyScores, null);
    Map<Score, Double> auroc = new EnumMap<>(Score.class);
    List<RocFigure.Curve> curves = new ArrayList<>();
    for (Score s : normalScores.scores()) {
      double a = Auroc.of(normalScores.get(s), anomalyScores.get(s));
      auroc.put(s, a);
      RocCurve roc = RocCurve.of(normalScores.get(s), anomalyScores.get(s));
      curves.add(new RocFigure.Curve(String.format(Locale.ROOT, "%s: %.3f", s.title(), a), roc.falsePositiveRate(),
          roc.truePositiveRate()));
    }
    log.printf(Locale.ROOT, "vae4j anomaly-benchmark: trained on %s, %s as anomalies: AUROC %s%n", trainedOn,
        against, describe(auroc));
    String prefix = "ood-" + trainedOn + "-vs-" + against;
    List<String> figures = new ArrayList<>();
    figures.add(write(prefix + "-roc.png", RocFigure.draw("trained on " + title(trainedOn) + ", " + title(against)
        + " as anomalies", curves)));
    for (Score s : FIGURE_SCORES) {
      if (normalScores.has(s)) {
        figures.add(write(prefix + "-" + s.column() + ".png", ScoreHistogramFigure.draw(s.title() + ", model trained "
            + "on " + title(trainedOn), s.title() + " (" + s.unit() + ")", List.of(
                new ScoreHistogramFigure.Series(title(trainedOn) + " test (normal)", normalScores.get(s)),
                new ScoreHistogramFigure.Series(title(against) + " test (anomalies)", anomalyScores.get(s))))));
      }
    }
    return new Ood(trainedOn, against, auroc, mean(normalScores.get(Score.NLL)), mean(anomalyScores.get(Score.NLL)),
        figures);
  }

  // ---- throughput ----

  private Throughput throughput(Vae model, ImageSet images) {
    ImageSet set = images.first(Math.min(setup.throughputImages(), images.count()));
    int rounds = 3;
    Map<Integer, double[]> rates = new LinkedHashMap<>();
    for (int k : THROUGHPUT_K) {
      rates.put(k, new double[rounds]);
    }
    for (int r = 0; r < rounds; r++) {
      for (int k : THROUGHPUT_K) {
        rates.get(k)[r] = new AnomalyScorer(model, null, k, r).score(set, true).imagesPerSecond();
      }
    }
    Map<Integer, Double> medians = new LinkedHashMap<>();
    rates.forEach((k, v) -> {
      double[] sorted = v.clone();
      Arrays.sort(sorted);
      medians.put(k, sorted[rounds / 2]);
    });
    log.printf(Locale.ROOT, "vae4j anomaly-benchmark: scoring throughput on %,d images: %s%n", set.count(),
        String.join(", ", medians.entrySet().stream().map(e -> String.format(Locale.ROOT, "K = %d %,.0f images/s",
            e.getKey(), e.getValue())).toList()));
    return new Throughput(set.count(), medians, rounds);
  }

  // ---- models ----

  /** A model and its background model. */
  private record Models(Vae model, Vae background) {}

  /** The model of folder name under dir trained on train, and its background model in name-background-pRATE. */
  private Models models(Path dir, String folder, String dataset, ImageSet train, ImageSet test, TrainOptions options) {
    Vae model = trained(dir.resolve(folder), dataset, train, test, options);
    if (setup.backgroundRate() == 0) {
      return new Models(model, null);
    }
    Vae background = trained(dir.resolve(folder + "-background-p" + setup.backgroundRate()), dataset,
        train.perturbed(setup.backgroundRate(), options.seed()), test, options);
    return new Models(model, background);
  }

  private Vae trained(Path dir, String dataset, ImageSet train, ImageSet test, TrainOptions options) {
    ModelSpec spec = new ModelSpec(setup.model().kind(), train.rows(), train.cols(), 0, setup.model().latent(),
        setup.model().hidden(), setup.model().channels());
    RunConfig config = new RunConfig(dataset, null, spec, ObjectiveSpec.NELBO, options, parallel.threads(),
        gemm.name(), train.count(), test.count(), System.getProperty("java.version"));
    if (Experiment.isFinished(dir, config)) {
      log.println("vae4j anomaly-benchmark: " + dir + " holds a finished run with these settings; reusing it");
      return ModelFile.load(dir.resolve(TrainingRun.MODEL_FILE), gemm, parallel).vae();
    }
    TrainingRun.prepareOutDir(dir);
    CheckpointFile.Checkpoint resumable = Experiment.resumable(dir, config, log);
    return TrainingRun.run(dir, config, train, test, gemm, parallel, progress.get(), log, resumable).vae();
  }

  // ---- helpers ----

  private Dataset data(String name) {
    return loaded.computeIfAbsent(name, datasets);
  }

  private static ImageSet limit(ImageSet set, Integer count) {
    return count == null ? set : set.first(count);
  }

  static Map<Score, Double> aurocs(AnomalyScores scores, boolean[] anomalous) {
    Map<Score, Double> auroc = new EnumMap<>(Score.class);
    for (Score s : scores.scores()) {
      auroc.put(s, Auroc.of(scores.where(s, not(anomalous)), scores.where(s, anomalous)));
    }
    return auroc;
  }

  private static boolean[] not(boolean[] b) {
    boolean[] n = new boolean[b.length];
    for (int i = 0; i < b.length; i++) {
      n[i] = !b[i];
    }
    return n;
  }

  private String write(String file, java.awt.image.BufferedImage image) {
    ImageFiles.writePng(out.resolve(FIGURES).resolve(file), image);
    return file;
  }

  private static String describe(Map<Score, Double> auroc) {
    return String.join(", ", auroc.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.3f",
        e.getKey().column(), e.getValue())).toList());
  }

  private static double mean(double[] v) {
    return Arrays.stream(v).average().orElse(Double.NaN);
  }

  /** "MNIST", "Fashion-MNIST". */
  static String title(String dataset) {
    return dataset.equals(FASHION_MNIST) ? "Fashion-MNIST" : dataset.equals(MNIST) ? "MNIST" : dataset;
  }

  private static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "trouser", "pullover", "dress", "coat",
      "sandal", "shirt", "sneaker", "bag", "ankle boot");

  /** A class's name: "digit 3", or Fashion-MNIST's label and article, "3 dress". */
  static String className(String dataset, int label) {
    return dataset.equals(FASHION_MNIST) ? label + " " + FASHION_CLASSES.get(label) : "digit " + label;
  }
}
