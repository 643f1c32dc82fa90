package org.vae4j.viz;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** -ELBO, reconstruction and KL per epoch, training and test, from the run's metrics (none without them). */
final class TrainingCurvesFigure implements FigureMaker {
  @Override
  public String name() {
    return Figures.TRAINING_CURVES;
  }

  @Override
  public List<Figure> write(FigureContext ctx, Path dir) {
    if (ctx.epochs == null) {
      return List.of();
    }
    return List.of(png(dir, "Training curves", TrainingCurves.draw(ctx.epochs), String.format(Locale.ROOT,
        "-ELBO, reconstruction and KL in nats per image for each of the %d epochs, from metrics.json: training "
            + "(solid, the mean over the epoch's batches as trained) and test (dashed, one sampled z per image).",
        ctx.epochs.size())));
  }
}
