package org.vae4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.vae4j.PathCheck;
import org.vae4j.UsageError;
import org.vae4j.UserError;
import org.vae4j.train.EpochMetrics;
import org.vae4j.train.MetricsFile;
import org.vae4j.train.TrainingRun;
import org.vae4j.viz.ImageFiles;
import org.vae4j.viz.TimeCurves;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** vae4j curves: runs' test -ELBO and evaluated NLL against their training time, in one PNG. */
@Command(name = "curves", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Plot runs against their training time: each run's test -ELBO after every epoch, and its "
        + "importance-weighted NLL where 'vae4j eval' measured it: in the run folder, and in each folder under "
        + "RUN/snapshots that holds a model saved during the run with its metrics.json up to then."})
final class CurvesCommand implements Callable<Integer> {
  @Parameters(paramLabel = "RUN", arity = "1..*", description = "Run folders (each with metrics.json)")
  List<Path> runs;

  @Option(names = "--labels", split = ",", paramLabel = "L,...", description = "Legend labels (default: folder names)")
  List<String> labels;

  @Option(names = "--out", paramLabel = "FILE", required = true, description = "The PNG to write")
  Path out;

  @Option(names = "--title", defaultValue = "test -ELBO and NLL against training time", description = "The title")
  String title;

  @Option(names = "--y-range", split = ",", paramLabel = "LO,HI", description = "Nats shown (default: all)")
  List<Double> yRange;

  @Mixin
  VerboseOption verbose;

  @Override
  public Integer call() {
    if (labels != null && labels.size() != runs.size()) {
      throw new UsageError("--labels gives " + labels.size() + " labels for " + runs.size() + " runs");
    }
    if (yRange != null && (yRange.size() != 2 || !(yRange.get(0) < yRange.get(1)))) {
      throw new UsageError("--y-range must be LO,HI with LO < HI, got " + yRange);
    }
    List<TimeCurves.Run> curves = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      Path run = runs.get(i);
      MetricsFile.Recorded metrics = metrics(run);
      List<EpochMetrics> epochs = metrics.epochs();
      double[] minutes = new double[epochs.size()];
      double[] nelbo = new double[epochs.size()];
      double total = 0;
      for (int e = 0; e < epochs.size(); e++) {
        total += epochs.get(e).seconds();
        minutes[e] = total / 60;
        nelbo[e] = epochs.get(e).testNelbo();
      }
      List<TimeCurves.Point> points = new ArrayList<>();
      for (Path snapshot : snapshots(run)) {
        point(metrics(snapshot), points);
      }
      point(metrics, points);
      points.sort(java.util.Comparator.comparingDouble(TimeCurves.Point::minutes));
      curves.add(new TimeCurves.Run(labels != null ? labels.get(i) : run.toAbsolutePath().normalize().getFileName()
          .toString(), minutes, nelbo, points));
    }
    ImageFiles.writePng(out, TimeCurves.draw(curves, title, yRange == null ? Double.NaN : yRange.get(0),
        yRange == null ? Double.NaN : yRange.get(1)));
    System.out.println("wrote " + out);
    return 0;
  }

  private static MetricsFile.Recorded metrics(Path folder) {
    Path file = folder.resolve(TrainingRun.METRICS_FILE);
    PathCheck.requireFile(file, folder + ": no " + TrainingRun.METRICS_FILE + " there");
    return MetricsFile.read(file);
  }

  /** The evaluated NLL of a run or snapshot, at its training time, if it has one. */
  private static void point(MetricsFile.Recorded metrics, List<TimeCurves.Point> points) {
    JsonNode ll = metrics.evaluation().path("log_likelihood");
    if (ll.has("nll")) {
      points.add(new TimeCurves.Point(metrics.trainingSeconds() / 60, ll.get("nll").asDouble(),
          ll.path("samples").asInt()));
    }
  }

  /** The folders under RUN/snapshots holding a metrics.json, in name order. */
  private static List<Path> snapshots(Path run) {
    Path dir = run.resolve("snapshots");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> Files.isRegularFile(p.resolve(TrainingRun.METRICS_FILE))).sorted().toList();
    } catch (IOException e) {
      throw new UserError(dir + ": cannot list it: " + e.getMessage(), e);
    }
  }
}
