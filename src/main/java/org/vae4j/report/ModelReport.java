package org.vae4j.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.vae4j.eval.EvaluationReport;
import org.vae4j.train.MetricsFile;
import org.vae4j.viz.Figure;

/**
 * One model of the experiment as the report shows it: its configuration (label, folder relative to the
 * report), its metrics as recorded, its figures (in its folder's figures/ subfolder), its parameter count,
 * its architecture summary, whether it was trained by this run or reused from an earlier one, its
 * evaluation (null when it has none) and the data of its live latent map (null for kinds the page cannot
 * decode itself: {@link LiveExplorer}).
 */
public record ModelReport(ExperimentModel config, Path dir, MetricsFile.Recorded metrics, List<Figure> figures,
                          long params, String architecture, boolean reused, EvaluationReport evaluation,
                          ObjectNode live) {
  public String label() {
    return config.label();
  }

  public String folder() {
    return config.folder();
  }

  /** The path of a figure relative to the report, with forward slashes. */
  public String figurePath(Figure figure) {
    return folder() + "/" + Experiment.FIGURES_DIR + "/" + figure.file();
  }

  public Path figureFile(Figure figure) {
    return dir.resolve(Experiment.FIGURES_DIR).resolve(figure.file());
  }
}
