package org.vae4j.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.vae4j.UsageError;
import org.vae4j.data.Binarization;
import org.vae4j.data.ImageSet;
import org.vae4j.eval.Evaluation;
import org.vae4j.eval.EvaluationReport;
import org.vae4j.model.ModelFile;
import org.vae4j.model.Vae;
import org.vae4j.nn.Gemm;
import org.vae4j.nn.Parallel;
import org.vae4j.train.MetricsFile;
import org.vae4j.train.Progress;
import org.vae4j.train.TrainOptions;
import org.vae4j.train.TrainingRun;
import org.vae4j.viz.ArchitectureSummary;
import org.vae4j.viz.Figure;
import org.vae4j.viz.Figures;

/**
 * The comparison of latent sizes: for each size, one model trained with the same options and seed into
 * out/d&lt;size&gt;, its figures into out/d&lt;size&gt;/figures, its evaluation into its metrics.json, then
 * report.html and report.md in out. A model folder whose metrics show a finished run with the same settings
 * is reused, not retrained (nor re-evaluated when its evaluation has the same settings), so an interrupted
 * experiment is finished by running the same command again.
 */
public final class Experiment {
  public static final String FIGURES_DIR = "figures";
  public static final String HTML = "report.html";
  public static final String MARKDOWN = "report.md";

  /**
   * The experiment's settings; trainImages and testImages are the counts actually used; evaluation says
   * how each model is evaluated.
   */
  public record Setup(List<Integer> latents, int hidden, TrainOptions options, String dataset, int trainImages,
                      int testImages, long figureSeed, String command, Evaluation.Settings evaluation) {
    public Setup {
      if (latents.isEmpty()) {
        throw new UsageError("--latents needs at least one size");
      }
      if (latents.stream().distinct().count() != latents.size()) {
        throw new UsageError("--latents lists a size twice: " + latents);
      }
      for (int d : latents) {
        if (d < 1) {
          throw new UsageError("--latents: every size must be at least 1, got " + d);
        }
      }
      latents = List.copyOf(latents);
    }
  }

  /** The models in the order of --latents, and the wall time of the whole experiment. */
  public record Result(List<ModelReport> models, double seconds, Path html, Path markdown) {}

  private Experiment() {}

  public static Result run(Path out, Setup setup, ImageSet train, ImageSet test, Gemm gemm, Parallel parallel,
                           Supplier<Progress> progress, PrintStream log) {
    long start = System.nanoTime();
    TrainingRun.prepareOutDir(out);
    List<ModelReport> models = new ArrayList<>();
    ImageSet testImages = setup.options().binarization().testImages(test);
    for (int latent : setup.latents()) {
      String folder = "d" + latent;
      Path dir = out.resolve(folder);
      TrainingRun.Spec spec = new TrainingRun.Spec(setup.dataset(), null, setup.hidden(), latent, setup.options());
      Vae vae;
      boolean reused = isFinished(dir, spec, train.count(), test.count());
      if (reused) {
        log.println("vae4j experiment: " + dir + " holds a finished run with these settings; reusing it");
        vae = ModelFile.load(dir.resolve(TrainingRun.MODEL_FILE), gemm, parallel).vae();
      } else {
        TrainingRun.prepareOutDir(dir);
        vae = TrainingRun.run(dir, spec, train, test, gemm, parallel, progress.get(), log, null).vae();
      }
      Path metricsFile = dir.resolve(TrainingRun.METRICS_FILE);
      EvaluationReport evaluation = EvaluationReport.of(MetricsFile.read(metricsFile), metricsFile);
      if (reused && isEvaluated(evaluation, setup.evaluation(), train.count(), test.count())) {
        log.println("vae4j experiment: " + metricsFile + " holds an evaluation with these settings; reusing it");
      } else {
        evaluation = new Evaluation(setup.evaluation(), gemm, parallel, log).run(vae, train, test);
        evaluation.save(metricsFile);
      }
      MetricsFile.Recorded metrics = MetricsFile.read(metricsFile);
      long figuresStart = System.nanoTime();
      List<Figure> figures = new Figures(vae, testImages, metrics.epochs(), setup.figureSeed(), 20)
          .write(dir.resolve(FIGURES_DIR), Figures.DEFAULT);
      log.printf(Locale.ROOT, "vae4j experiment: %d figures of d = %d in %.1f s -> %s%n", figures.size(), latent,
          (System.nanoTime() - figuresStart) / 1e9, dir.resolve(FIGURES_DIR));
      models.add(new ModelReport(latent, folder, dir, metrics, figures,
          ArchitectureSummary.totalParams(vae.config()),
          ArchitectureSummary.text(vae.config(), test.rows() + "x" + test.cols() + " " + setup.dataset()), reused,
          evaluation));
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
  static boolean isFinished(Path dir, TrainingRun.Spec spec, int trainImages, int testImages) {
    Path metricsFile = dir.resolve(TrainingRun.METRICS_FILE);
    if (!Files.isRegularFile(metricsFile) || !Files.isRegularFile(dir.resolve(TrainingRun.MODEL_FILE))) {
      return false;
    }
    MetricsFile.Recorded recorded;
    try {
      recorded = MetricsFile.read(metricsFile);
    } catch (RuntimeException e) {
      return false; // unreadable: train it again
    }
    JsonNode c = recorded.config();
    TrainOptions o = spec.options();
    return c.path("dataset").asText().equals(spec.dataset())
        && c.path("hidden").asInt() == spec.hidden()
        && c.path("latent").asInt() == spec.latent()
        && c.path("epochs").asInt() == o.epochs()
        && c.path("batch").asInt() == o.batch()
        && c.path("lr").asDouble() == o.learningRate()
        && c.path("seed").asLong() == o.seed()
        && c.path("binarize").asText(Binarization.NONE.value()).equals(o.binarization().value())
        && c.path("train_images").asInt() == trainImages
        && c.path("test_images").asInt() == testImages
        && recorded.epochs().size() == o.epochs();
  }
}
