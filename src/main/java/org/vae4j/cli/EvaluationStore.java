package org.vae4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.vae4j.AtomicFile;
import org.vae4j.UserError;
import org.vae4j.eval.EvaluationReport;
import org.vae4j.train.MetricsFile;

/**
 * Where eval stores its numbers: the run's metrics.json. Checked before the minutes of computing, so that a
 * file it could not read or a folder it could not write fails at once; and should the store fail at the end
 * all the same, the evaluation goes to a file of its own, so that finished work is never thrown away.
 */
final class EvaluationStore {
  private final Path metricsFile;
  private final List<Path> sideFolders;

  /** sideFolders: where to put the evaluation, in order, when metricsFile cannot take it. */
  EvaluationStore(Path metricsFile, List<Path> sideFolders) {
    this.metricsFile = metricsFile;
    this.sideFolders = sideFolders;
  }

  /**
   * A store for metricsFile once it reads as a run's metrics and its folder takes a new file (as the atomic
   * rewrite needs); a UserError naming the file otherwise. Its side files go beside it, else to the temp folder.
   */
  static EvaluationStore check(Path metricsFile) {
    MetricsFile.read(metricsFile);
    Path folder = metricsFile.toAbsolutePath().getParent();
    try {
      Files.delete(Files.createTempFile(folder, "." + metricsFile.getFileName() + ".", ".tmp"));
    } catch (IOException e) {
      throw new UserError(metricsFile + ": cannot write the evaluation there: " + AtomicFile.reason(e), e);
    }
    return new EvaluationStore(metricsFile, List.of(folder, Path.of(System.getProperty("java.io.tmpdir"))));
  }

  /** Stores report into the metrics file; if that fails, into a side file, and then a UserError says where. */
  void save(EvaluationReport report) {
    try {
      report.save(metricsFile);
    } catch (UserError failure) {
      String json = MetricsFile.toJsonTree(report).toPrettyString() + "\n";
      String name = "evaluation-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
          + ".json";
      List<String> alsoFailed = new ArrayList<>();
      for (Path folder : sideFolders) {
        Path side = folder.resolve(name);
        if (write(side, json, alsoFailed)) {
          throw new UserError(failure.getMessage() + "; the evaluation is saved in " + side + " instead", failure);
        }
      }
      throw new UserError(failure.getMessage() + "; nor could the evaluation be saved elsewhere ("
          + String.join("; ", alsoFailed) + "); its numbers are on standard output", failure);
    }
  }

  /** Writes file; true if it worked, else false with the reason added to failures. */
  private static boolean write(Path file, String content, List<String> failures) {
    try {
      AtomicFile.writeString(file, content);
      return true;
    } catch (UserError e) {
      failures.add(e.getMessage());
      return false;
    }
  }
}
