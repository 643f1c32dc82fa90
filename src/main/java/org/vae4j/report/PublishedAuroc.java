package org.vae4j.report;

import java.util.List;

/** AUROC numbers from the literature for the benchmark's protocols, each with its source, quoted as published. */
record PublishedAuroc(String setting, String model, String score, String auroc, String source) {
  static final List<PublishedAuroc> ALL = List.of();
}
