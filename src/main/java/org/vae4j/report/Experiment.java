package org.vae4j.report;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.vae4j.InvalidSetting;
import org.vae4j.data.FolderOptions;
import org.vae4j.data.ImageSet;
import org.vae4j.eval.Evaluation;
import org.vae4j.eval.EvaluationReport;
import org.vae4j.model.ModelFile;
import org.vae4j.model.Vae;
import org.vae4j.nn.Gemm;
import org.vae4j.nn.Parallel;
import org.vae4j.train.CheckpointFile;
import org.vae4j.train.MetricsFile;
import org.vae4j.train.Progress;
import org.vae4j.train.RunConfig;
import org.vae4j.train.TrainOptions;
import org.vae4j.train.TrainingRun;
import org.vae4j.viz.ArchitectureSummary;
import org.vae4j.viz.Figure;
import org.vae4j.viz.Figures;

/**
 * The comparison of model configurations (kinds, objectives, sizes): each one trained with the same options
 * and seed into its own folder under out, its figures into that folder's figures/, its evaluation into its
 * metrics.json, then report.html and report.md in out. A model folder whose metrics show a finished run with
 * the same settings is reused, not retrained (nor re-evaluated when its evaluation has the same settings),
 * and one whose checkpoint shows an unfinished run with the same settings is resumed, so an interrupted
 * experiment is finished by running the same command again.
 */
public final class Experiment {
  public static final String FIGURES_DIR = "figures";
  public static final String HTML = "report.html";
  public static final String MARKDOWN = "report.md";

  /**
   * The experiment's settings; data and folder are where a folder of images is and how it was read (else
   * null); trainImages and testImages are the counts actually used; evaluation says how each model is
   * evaluated.
   */
  public record Setup(List<ExperimentModel> models, TrainOptions options, String dataset, Path data,
                      FolderOptions folder, int trainImages,
                      int testImages, long figureSeed, String command, Evaluation.Settings evaluation) {
    public Setup {
      if (models.isEmpty()) {
        throw new InvalidSetting("models", "needs at least one model");
      }
      List<String> folders = models.stream().map(ExperimentModel::folder).toList();
      if (folders.stream().distinct().count() != folders.size()) {
        throw new InvalidSetting("models", "lists a model twice: " + folders);
      }
      models = List.copyOf(models);
    }

    /** An experiment on a dataset of IDX files. */
    public Setup(List<ExperimentModel> models, TrainOptions options, String dataset, int trainImages,
                 int testImages, long figureSeed, String command, Evaluation.Settings evaluation) {
      this(models, options, dataset, null, null, trainImages, testImages, figureSeed, command, evaluation);
    }
  }

  /** The models in the order given, and the wall time of the whole experiment. */
  public record Result(List<ModelReport> models, double seconds, Path html, Path markdown) {}

  private Experiment() {}

  public static Result run(Path out, Setup setup, ImageSet train, ImageSet test, Gemm gemm, Parallel parallel,
                           Supplier<Progress> progress, PrintStream log) {
    long start = System.nanoTime();
    List<RunConfig> configs = new ArrayList<>();
    for (ExperimentModel m : setup.models()) {
      RunConfig config = new RunConfig(setup.dataset(), setup.data(), setup.folder(), m.model(), m.objective(),
          setup.options(), parallel.threads(), gemm.name(), train.count(), test.count(),
          System.getProperty("java.version"));
      TrainingRun.checkFits(config); // every model before the first is trained
      configs.add(config);
    }
    TrainingRun.prepareOutDir(out);
    List<ModelReport> models = new ArrayList<>();
    ImageSet testImages = setup.options().binarization().testImages(test);
    for (int i = 0; i < configs.size(); i++) {
      ExperimentModel m = setup.models().get(i);
      RunConfig config = configs.get(i);
      Path dir = out.resolve(m.folder());
      Vae vae;
      boolean reused = isFinished(dir, config);
      if (reused) {
        log.println("vae4j experiment: " + dir + " holds a finished run with these settings; reusing it");
        vae = ModelFile.load(dir.resolve(TrainingRun.MODEL_FILE), gemm, parallel).vae();
      } else {
        TrainingRun.prepareOutDir(dir);
        CheckpointFile.Checkpoint resumable = resumable(dir, config, log);
        vae = TrainingRun.run(dir, config, train, test, gemm, parallel, progress.get(), log, resumable).vae();
      }
      Path metricsFile = dir.resolve(TrainingRun.METRICS_FILE);
      EvaluationReport evaluation = EvaluationReport.of(MetricsFile.read(metricsFile), metricsFile);
      if (reused && isEvaluated(evaluation, setup.evaluation(), train.count(), test.count())) {
        log.println("vae4j experiment: " + metricsFile + " holds an evaluation with these settings; reusing it");
      } else {
        evaluation = new Evaluation(setup.evaluation(), gemm, parallel, log).run(vae, m.objective(), train, test);
        evaluation.save(metricsFile);
      }
      MetricsFile.Recorded metrics = MetricsFile.read(metricsFile);
      long figuresStart = System.nanoTime();
      List<Figure> figures = new Figures(vae, testImages, metrics.epochs(), setup.figureSeed(), 20)
          .write(dir.resolve(FIGURES_DIR), Figures.DEFAULT);
      log.printf(Locale.ROOT, "vae4j experiment: %d figures of %s in %.1f s -> %s%n", figures.size(), m.label(),
          (System.nanoTime() - figuresStart) / 1e9, dir.resolve(FIGURES_DIR));
      models.add(new ModelReport(m, dir, metrics, figures, vae.architecture().parameterCount(),
          ArchitectureSummary.text(vae.architecture(), test.rows() + "x" + test.cols() + " " + setup.dataset()),
          reused, evaluation, LiveExplorer.data(m.label(), vae, testImages)));
    }
    MachineInfo machine = MachineInfo.current(gemm.name(), parallel.threads());
    double seconds = (System.nanoTime() - start) / 1e9;
    Report report = new Report(setup, machine, models, seconds);
    Path html = out.resolve(HTML);
    Path markdown = out.resolve(MARKDOWN);
    report.writeHtml(html);
    report.writeMarkdown(markdown);
    return new Result(models, seconds, html, markdown);
  }

  /** Whether an earlier evaluation was made with these settings on these images. */
  static boolean isEvaluated(EvaluationReport e, Evaluation.Settings settings, int trainImages, int testImages) {
    return e != null
        && e.setup().binarize().equals(settings.binarization().value())
        && e.setup().seed() == settings.seed()
        && e.setup().trainImages() == trainImages
        && e.setup().testImages() == testImages
        && e.nelbo().samples() == settings.nelboSamples()
        && (e.logLikelihood() == null ? 0 : e.logLikelihood().samples()) == settings.importanceSamples()
        && (e.sampleQuality() == null) == (settings.classifierCache() == null)
        && (e.sampleQuality() == null || e.sampleQuality().samples() == settings.priorSamples());
  }

  /** Whether dir holds a model and complete metrics of a run with exactly these settings. */
  static boolean isFinished(Path dir, RunConfig config) {
    Path metricsFile = dir.resolve(TrainingRun.METRICS_FILE);
    if (!Files.isRegularFile(metricsFile) || !Files.isRegularFile(dir.resolve(TrainingRun.MODEL_FILE))) {
      return false;
    }
    try {
      MetricsFile.Recorded recorded = MetricsFile.read(metricsFile);
      return RunConfig.read(metricsFile, recorded.config()).sameTraining(config)
          && recorded.epochs().size() == config.options().epochs();
    } catch (RuntimeException e) {
      return false; // unreadable: train it again
    }
  }

  /** The folder's checkpoint when it is of an unfinished run with these settings; else null (train anew). */
  static CheckpointFile.Checkpoint resumable(Path dir, RunConfig config, PrintStream log) {
    CheckpointFile.Checkpoint checkpoint;
    try {
      checkpoint = TrainingRun.checkpoint(dir);
    } catch (RuntimeException e) {
      log.println("vae4j experiment: " + e.getMessage() + "; training that model anew");
      return null;
    }
    if (checkpoint == null || checkpoint.state().epoch() >= config.options().epochs()
        || !checkpoint.config().withEpochs(config.options().epochs()).sameTraining(config)) {
      return null;
    }
    log.println("vae4j experiment: " + dir + " holds " + checkpoint.state().epoch() + " epochs of this model; "
        + "resuming");
    TrainingRun.removeStaleTemporaryFiles(dir);
    return checkpoint;
  }
}
