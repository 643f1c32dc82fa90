package org.vae4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** vae4j score on a tiny made-up dataset: the CSV it writes, the flags, and one-line errors that write nothing. */
class ScoreCommandTest {
  @TempDir
  Path dir;
  private Path data;
  private Path run;

  @BeforeEach
  void trainTinyModel() throws IOException {
    data = FakeData.write(dir.resolve("data"), 60, 8, 8);
    run = train("run", data);
  }

  private Path train(String name, Path from) {
    return train(name, from, 1);
  }

  private Path train(String name, Path from, long seed) {
    Path out = dir.resolve(name);
    CliRun r = CliRun.of("train", "--data", from.toString(), "--out", out.toString(), "--epochs", "1", "--hidden",
        "16", "--latent", "3", "--batch", "10", "--threads", "1", "--engine", "java", "--seed", "" + seed);
    assertThat(r.exitCode()).as(r.err()).isZero();
    return out;
  }

  private CliRun score(String... more) {
    List<String> args = new ArrayList<>(List.of("score", "--model", run.toString(), "--iw", "3", "--threads", "1",
        "--engine", "java"));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void writesOneRowPerImageWithEveryScoreAndNoLabelWhenNoneIsGiven() throws IOException {
    Path csv = dir.resolve("scores.csv");
    CliRun r = score("--images", data.resolve("t10k-images-idx3-ubyte").toString(), "--out", csv.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines).hasSize(61);
    assertThat(lines.get(0)).isEqualTo("image,label,nelbo,iw_nll,reconstruction,complexity_corrected,png_corrected");
    assertThat(lines.get(1)).startsWith("0,,");
    assertThat(lines.get(60)).startsWith("59,,");
    String[] first = lines.get(1).split(",");
    assertThat(Double.parseDouble(first[2])).isGreaterThanOrEqualTo(Double.parseDouble(first[4]));
  }

  @Test
  void aDatasetFolderGivesItsTestImagesWithTheirLabels() throws IOException {
    Path csv = dir.resolve("scores.csv");
    CliRun r = score("--images", data.toString(), "--out", csv.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines).hasSize(61);
    assertThat(lines.get(1)).startsWith("0,0,");
    assertThat(lines.get(14)).startsWith("13,3,");
  }

  @Test
  void aContaminationFlagsThatFractionAndABackgroundAddsTheLikelihoodRatio() throws IOException {
    Path background = train("background", data, 2); // another seed: the same one would give the same model
    Path csv = dir.resolve("flagged.csv");
    CliRun r = score("--images", data.toString(), "--background", background.toString(), "--contamination", "0.1",
        "--out", csv.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines.get(0)).isEqualTo("image,label,nelbo,iw_nll,reconstruction,complexity_corrected,png_corrected,llr,anomaly");
    assertThat(lines.stream().skip(1).filter(l -> l.endsWith(",1")).count()).isEqualTo(6);
  }

  @Test
  void imagesOfAnotherSizeAreOneLineNamingBothSizesAndNoFile() throws IOException {
    Path other = FakeData.write(dir.resolve("other"), 5, 10, 10);
    Path csv = dir.resolve("never.csv");
    CliRun r = score("--images", other.toString(), "--out", csv.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err().strip()).isEqualTo("vae4j score: --images " + other + ": images of 10x10 pixels, but the "
        + "model in " + run + " takes 8x8");
    assertThat(csv).doesNotExist();
  }

  @Test
  void anEmptySetIsRefused() throws IOException {
    Path empty = dir.resolve("empty-images-idx3-ubyte");
    Files.write(empty, ByteBuffer.allocate(16).putInt(0x0803).putInt(0).putInt(8).putInt(8).array());
    CliRun r = score("--images", empty.toString(), "--out", dir.resolve("never.csv").toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err().strip()).isEqualTo("vae4j score: " + empty + ": empty: the header announces 0 images");
    assertThat(dir.resolve("never.csv")).doesNotExist();
  }

  @Test
  void aFolderWithoutIdxImagesIsRefusedSayingWhatItHolds() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("pictures"));
    for (String name : List.of("a.txt", "b.jpg", "notes.md")) {
      Files.writeString(folder.resolve(name), "not an image");
    }
    CliRun r = score("--images", folder.toString(), "--out", dir.resolve("never.csv").toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err().strip()).isEqualTo("vae4j score: --images " + folder + ": no t10k-images-idx3-ubyte(.gz) there "
        + "(it holds 3 entries, none of which is read); give an IDX images file, or a folder holding a "
        + "dataset's IDX test pair");
    assertThat(dir.resolve("never.csv")).doesNotExist();
  }

  @Test
  void usageErrorsExitWithTwo() {
    String images = data.toString();
    CliRun both = score("--images", images, "--threshold", "1", "--contamination", "0.1");
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).contains("give --threshold or --contamination, not both");

    CliRun ratio = score("--images", images, "--flag-by", "llr", "--threshold", "0");
    assertThat(ratio.exitCode()).isEqualTo(2);
    assertThat(ratio.err()).contains("--flag-by llr needs --background DIR");

    CliRun unknown = score("--images", images, "--flag-by", "loudness", "--threshold", "0");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("--flag-by must be one of nelbo, iw_nll, reconstruction, "
        + "complexity_corrected, png_corrected, llr");

    CliRun fraction = score("--images", images, "--contamination", "1.5");
    assertThat(fraction.exitCode()).isEqualTo(2);
    assertThat(fraction.err()).contains("--contamination must be a fraction between 0 and 1");
  }
}
