package org.vae4j.report;

import java.util.List;

/**
 * AUROC numbers from public material for the benchmark's protocols, each with its source, quoted as published.
 * Only numbers read in a stored copy of their source are here: the tables of Nalisnick et al. (2019), Ren et al.
 * (2019) and Serra et al. (2020) could not be read in this project's stored copies, so none of their numbers is.
 */
record PublishedAuroc(String setting, String model, String score, String auroc, String source) {
  private static final String THANOS = "github.com/ThanosM97/OOD-detection, README, Table 3 (a reproduction of "
      + "Serra et al. 2020 with VAEs)";

  static final List<PublishedAuroc> ALL = List.of(
      new PublishedAuroc("trained on Fashion-MNIST, MNIST as anomalies", "convolutional VAE, Gaussian decoder",
          "-log-likelihood", "1.0", THANOS),
      new PublishedAuroc("trained on Fashion-MNIST, MNIST as anomalies", "convolutional VAE, Gaussian decoder",
          "S(x), PNG complexity", "1.0", THANOS));
}
