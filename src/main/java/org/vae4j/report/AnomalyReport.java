package org.vae4j.report;

import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vae4j.AtomicFile;
import org.vae4j.anomaly.Score;

/** report.html and report.md of the anomaly benchmark: setup, AUROC tables, published numbers, speed, figures. */
final class AnomalyReport {
  private final AnomalyBenchmark.Setup setup;
  private final MachineInfo machine;
  private final List<AnomalyBenchmark.OneClass> oneClass;
  private final List<AnomalyBenchmark.Ood> ood;
  private final AnomalyBenchmark.Throughput throughput;
  private final List<String> figures;
  private final double seconds;

  AnomalyReport(AnomalyBenchmark.Setup setup, MachineInfo machine, List<AnomalyBenchmark.OneClass> oneClass,
                List<AnomalyBenchmark.Ood> ood, AnomalyBenchmark.Throughput throughput, List<String> figures,
                double seconds) {
    this.setup = setup;
    this.machine = machine;
    this.oneClass = oneClass;
    this.ood = ood;
    this.throughput = throughput;
    this.figures = figures;
    this.seconds = seconds;
  }

  void writeHtml(Path file, Path folder) {
    AtomicFile.writeString(file, document().html(folder));
  }

  void writeMarkdown(Path file) {
    AtomicFile.writeString(file, document().markdown());
  }

  ReportDocument document() {
    ReportDocument doc = new ReportDocument("vae4j anomaly benchmark");
    doc.paragraph("Generated " + ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z",
        Locale.ROOT)) + " by `" + setup.command() + "` in " + ReportTable.minutes(seconds) + ". AUROC: the "
        + "probability that an anomaly scores higher than a normal image (ties count half), computed exactly; "
        + "0.5 is chance, below 0.5 the score ranks the anomalies as more normal than the normal images.");
    doc.heading("Configuration and machine");
    List<List<String>> config = new ArrayList<>();
    config.add(List.of("model", setup.model().kind() + " " + setup.model().sizes() + ", Bernoulli likelihood on grey "
        + "pixels x/255, trained on the negative ELBO"));
    config.add(List.of("one-class training", training(setup.oneClassTraining())));
    config.add(List.of("out-of-distribution training", training(setup.oodTraining())));
    config.add(List.of("scores", String.format(Locale.ROOT, "K = %d samples of q(z|x) per image, seed %d",
        setup.samples(), setup.oodTraining().seed())));
    config.add(List.of("background models", setup.backgroundRate() == 0 ? "none (no likelihood ratio)"
        : String.format(Locale.ROOT, "the same kind and training on the same images with each pixel replaced, with "
        + "probability %s, by a uniform value in 0..255", setup.backgroundRate())));
    config.add(List.of("images", (setup.trainImages() == null ? "all training images"
        : "the first " + setup.trainImages() + " training images") + ", " + (setup.testImages() == null
        ? "all test images" : "the first " + setup.testImages() + " test images")));
    config.add(List.of("total time", ReportTable.minutes(seconds)));
    machine.entries().forEach((k, v) -> config.add(List.of(k, v)));
    doc.table(List.of("", ""), config);

    doc.heading("Scores");
    doc.paragraph("Higher means more anomalous; nats per image except where said. -ELBO: the reconstruction "
        + "loss plus the analytic KL. NLL: -log p(x), importance-weighted with K samples (Burda et al. 2016). "
        + "Reconstruction BCE: -log p(x|z) averaged over the same samples. The two corrected scores are the "
        + "input-complexity score of Serra et al. (2020), S(x) = -log p(x) - L(x), with two measures of the "
        + "complexity L(x). NLL - pixel entropy (the corrected score of this benchmark): L(x) is the sum over "
        + "pixels of the Bernoulli entropy H(x_i) of the grey value x_i = v/255, the least -log p(x|z) that any "
        + "decoder with Bernoulli pixels can give x, reached at p = x. It is the complexity in the likelihood's own "
        + "units: a Bernoulli likelihood of grey pixels is no code length of the image's bytes, and its NLL "
        + "carries this floor, which the image alone sets (large for images with many grey pixels, as "
        + "Fashion-MNIST's, near 0 for near-binary MNIST) and which is what makes the raw likelihood rank MNIST "
        + "as more normal than Fashion-MNIST. NLL - PNG bits: Serra et al.'s own choice, L(x) the size of the "
        + "8-bit image as a PNG at maximum compression, in bits, with the NLL in bits; it mixes two scales (a "
        + "Bernoulli likelihood of grey values and a code length of 8-bit values) and is shown for comparison.");
    if (setup.backgroundRate() > 0) {
      doc.paragraph("Likelihood ratio (Ren et al. 2019): NLL(x) minus the NLL of a background model of the same "
          + "kind trained on the same images with each pixel replaced, with probability " + setup.backgroundRate()
          + ", by a uniform random value.");
    }

    for (AnomalyBenchmark.OneClass part : oneClass) {
      doc.heading("One-class " + AnomalyBenchmark.title(part.dataset()));
      doc.paragraph("For each class c, a model trained on the training images of c alone scores the whole test "
          + "set: class c normal, the other classes anomalies. AUROC per class and the mean over the classes.");
      List<Score> scores = scores(part.classes().get(0).auroc().keySet());
      List<String> header = new ArrayList<>(List.of("normal class"));
      scores.forEach(s -> header.add(s.title()));
      List<List<String>> rows = new ArrayList<>();
      for (AnomalyBenchmark.ClassResult c : part.classes()) {
        List<String> row = new ArrayList<>(List.of(c.name()));
        scores.forEach(s -> row.add(auroc(c.auroc().get(s))));
        rows.add(row);
      }
      List<String> mean = new ArrayList<>(List.of("mean"));
      scores.forEach(s -> mean.add(auroc(part.meanAuroc(s))));
      rows.add(mean);
      doc.table(header, rows);
    }

    if (!ood.isEmpty()) {
      doc.heading("Out of distribution");
      doc.paragraph("A model trained on one dataset's training images scores its test images (normal) and the "
          + "other dataset's test images (anomalies).");
      List<Score> scores = scores(ood.get(0).auroc().keySet());
      List<String> header = new ArrayList<>(List.of("trained on, anomalies"));
      scores.forEach(s -> header.add(s.title()));
      header.add("mean NLL, normal / anomalies");
      List<List<String>> rows = new ArrayList<>();
      for (AnomalyBenchmark.Ood o : ood) {
        List<String> row = new ArrayList<>(List.of(AnomalyBenchmark.title(o.trainedOn()) + ", "
            + AnomalyBenchmark.title(o.against())));
        scores.forEach(s -> row.add(auroc(o.auroc().get(s))));
        row.add(String.format(Locale.ROOT, "%.1f / %.1f", o.normalNll(), o.anomalyNll()));
        rows.add(row);
      }
      doc.table(header, rows);
    }

    doc.heading("Published numbers");
    doc.paragraph("AUROC published for the same protocols (other models, other training), to place the numbers "
        + "above; each row names its source. The tables of Nalisnick et al. (2019), Ren et al. (2019) and Serra et "
        + "al. (2020) were not among the stored copies this project could read, so none of their numbers is quoted.");
    List<List<String>> published = new ArrayList<>();
    for (PublishedAuroc p : PublishedAuroc.ALL) {
      published.add(List.of(p.setting(), p.model(), p.score(), p.auroc(), p.source()));
    }
    doc.table(List.of("setting", "model", "score", "AUROC", "source"), published);

    doc.heading("Scoring throughput");
    doc.paragraph(String.format(Locale.ROOT, "Every score but the likelihood ratio (no background model) of %,d test "
        + "images, the model trained on the first dataset of the out-of-distribution part, median of %d rounds "
        + "alternating K, on the machine above.", throughput.images(), throughput.rounds()));
    List<List<String>> speed = new ArrayList<>();
    throughput.imagesPerSecond().forEach((k, v) -> speed.add(List.of("K = " + k, String.format(Locale.ROOT,
        "%,.0f images/s", v))));
    doc.table(List.of("samples", "throughput"), speed);

    doc.heading("Figures");
    for (String f : figures) {
      doc.image(AnomalyBenchmark.FIGURES + "/" + f, caption(f));
    }
    for (AnomalyBenchmark.Ood o : ood) {
      for (String f : o.figures()) {
        doc.image(AnomalyBenchmark.FIGURES + "/" + f, caption(f));
      }
    }
    return doc;
  }

  private static String caption(String file) {
    if (file.startsWith("ood-")) {
      String what = file.endsWith("-roc.png") ? "ROC curves of every score"
          : "histogram of the " + scoreName(file) + " (0.5th to 99.5th percentile)";
      return "Out of distribution, trained on " + file.substring(4, file.length() - 4).replace("-vs-", ", anomalies ")
          .replaceAll("-(roc|iw_nll|llr|complexity_corrected)$", "").replace("fashion-mnist", "Fashion-MNIST")
          .replaceAll("(^|[ ,])mnist", "$1MNIST") + ": " + what + ".";
    }
    return "One-class " + (file.contains("fashion") ? "Fashion-MNIST" : "MNIST") + ": ROC curve of each class's "
        + "model, " + scoreName(file) + ".";
  }

  private static String scoreName(String file) {
    return file.contains("llr") ? "likelihood ratio" : file.contains("complexity") ? "NLL - pixel entropy"
        : "importance-weighted NLL";
  }

  private static List<Score> scores(java.util.Set<Score> present) {
    return java.util.Arrays.stream(Score.values()).filter(present::contains).toList();
  }

  private static String auroc(Double value) {
    return value == null ? "" : String.format(Locale.ROOT, "%.3f", value);
  }

  private static String training(org.vae4j.train.TrainOptions o) {
    return String.format(Locale.ROOT, "%d epochs, batch %d, Adam lr %s, seed %d", o.epochs(), o.batch(),
        o.learningRate(), o.seed());
  }
}
