package org.vae4j.viz;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vae4j.InvalidSetting;
import org.vae4j.data.ImageSet;
import org.vae4j.model.Vae;
import org.vae4j.train.EpochMetrics;

/**
 * The figures of one trained model, by name, each drawn by a class of its own from the model, its test set
 * and its metrics. Decoded images are the likelihood's means (for Bernoulli pixels, sigmoid(logits)), never
 * sampled pixels.
 */
public final class Figures {
  public static final String RECONSTRUCTIONS = "reconstructions";
  public static final String RECONSTRUCTIONS_SAMPLED = "reconstructions-sampled";
  public static final String MANIFOLD = "manifold";
  public static final String LATENT_SCATTER = "latent-scatter";
  public static final String PRIOR_SAMPLES = "prior-samples";
  public static final String POSTERIOR_SAMPLES = "posterior-samples";
  public static final String INTERPOLATION = "interpolation";
  public static final String TRAINING_CURVES = "training-curves";
  public static final String ARCHITECTURE = "architecture";
  /** Every figure, in report order. */
  private static final List<FigureMaker> MAKERS = List.of(new ReconstructionsFigure(false),
      new ReconstructionsFigure(true), new ManifoldFigure(), new LatentScatterFigure(), new PriorSamplesFigure(),
      new PosteriorSamplesFigure(), new InterpolationFigure(), new TrainingCurvesFigure(), new ArchitectureFigure());
  /** Every figure's name, in report order. */
  public static final List<String> ALL = MAKERS.stream().map(FigureMaker::name).toList();
  /** What is made when nothing is chosen: all but the optional sampled-z reconstructions. */
  public static final List<String> DEFAULT = ALL.stream().filter(n -> !n.equals(RECONSTRUCTIONS_SAMPLED)).toList();

  /** The default size of a digit's pixel in the grids, in image pixels. */
  public static final int SCALE = 2;

  private final FigureContext context;

  /** epochs may be null when there is no metrics file: then there are no training curves. */
  public Figures(Vae vae, ImageSet test, List<EpochMetrics> epochs, long seed, int manifoldSize) {
    this(vae, test, epochs, seed, manifoldSize, SCALE);
  }

  /** As above, with digit pixels drawn as scale x scale blocks (1 for the smallest files). */
  public Figures(Vae vae, ImageSet test, List<EpochMetrics> epochs, long seed, int manifoldSize, int scale) {
    InvalidSetting.atLeast("manifold_size", manifoldSize, 2);
    if (scale < 1 || scale > 8) {
      throw new InvalidSetting("scale", "must be 1 to 8, got " + scale);
    }
    this.context = new FigureContext(vae, test, epochs, seed, manifoldSize, scale);
  }

  /** Checks names given to --only; "all" means every figure. */
  public static List<String> parseNames(List<String> names) {
    if (names == null || names.isEmpty()) {
      return DEFAULT;
    }
    if (names.size() == 1 && names.get(0).equals("all")) {
      return ALL;
    }
    for (String name : names) {
      if (!ALL.contains(name)) {
        throw new InvalidSetting("only", "has an unknown figure '" + name + "'; choose from "
            + String.join(", ", ALL) + " or all");
      }
    }
    return ALL.stream().filter(names::contains).toList();
  }

  /** Writes the named figures into dir (created if needed) and says what each shows, in report order. */
  public List<Figure> write(Path dir, List<String> names) {
    List<Figure> figures = new ArrayList<>();
    for (FigureMaker maker : MAKERS) {
      if (names.contains(maker.name())) {
        figures.addAll(maker.write(context, dir));
      }
    }
    return figures;
  }

  /** The context the figures are drawn from, for tests of single figures. */
  FigureContext context() {
    return context;
  }
}
