package org.vae4j.anomaly;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.vae4j.InvalidSetting;

/** The anomaly scores, each higher for images the model finds less likely; in nats per image but where said. */
public enum Score {
  /** The negative ELBO: the reconstruction loss plus the analytic KL(q(z | x) || N(0, I)). */
  NELBO("nelbo", "-ELBO"),
  /** -log p(x), importance-weighted with K samples of q(z | x) (Burda et al. 2016). */
  NLL("iw_nll", "NLL (importance-weighted)"),
  /** -log p(x | z) averaged over the same K samples: the reconstruction's binary cross-entropy. */
  RECONSTRUCTION("reconstruction", "reconstruction BCE"),
  /**
   * The input-complexity score of Serra et al. (2020), S(x) = -log p(x) - L(x), with L(x) the least -log p(x | z)
   * that any Bernoulli-pixel decoder can give x: the sum of its pixels' entropies ({@link InputComplexity}).
   */
  ENTROPY_CORRECTED("complexity_corrected", "NLL - pixel entropy"),
  /** S(x) with L(x) the image's PNG size, as Serra et al. compute it: -log2 p(x) - PNG bits, in bits. */
  PNG_CORRECTED("png_corrected", "NLL - PNG bits"),
  /**
   * -log p(x) + log p_background(x): minus the log likelihood ratio of Ren et al. 2019, against a model of
   * the same kind trained on perturbed images, which both models' shared part of log p(x) cancels from.
   */
  LIKELIHOOD_RATIO("llr", "likelihood ratio");

  private final String column;
  private final String title;

  Score(String column, String title) {
    this.column = column;
    this.title = title;
  }

  /** Its name in CSV files and on the command line, e.g. "iw_nll". */
  public String column() {
    return column;
  }

  /** "nats", or "bits" for the PNG-corrected score. */
  public String unit() {
    return this == PNG_CORRECTED ? "bits" : "nats";
  }

  /** Its name in reports, e.g. "NLL (importance-weighted)". */
  public String title() {
    return title;
  }

  /** The score of that column name; an unknown name is an InvalidSetting of setting. */
  public static Score named(String setting, String name) {
    for (Score s : values()) {
      if (s.column.equals(name)) {
        return s;
      }
    }
    throw new InvalidSetting(setting, "must be one of " + Arrays.stream(values()).map(Score::column)
        .collect(Collectors.joining(", ")) + ", got '" + name + "'");
  }
}
