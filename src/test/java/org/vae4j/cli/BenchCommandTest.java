package org.vae4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** vae4j bench: the machine's lines and the table, the sweep's table and chart, and its bad input. */
class BenchCommandTest {
  private static final String[] TINY = {"--steps", "2", "--rounds", "1", "--hidden", "8", "--latent", "2",
      "--batch", "4", "--threads", "2", "--engines", "java-vector,java-autovec"};

  @TempDir
  Path dir;

  @Test
  void benchNamesTheMachineThenTimesEachEngine() {
    CliRun run = CliRun.of(concat(new String[] {"bench"}, TINY));
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("machine: ", "OpenBLAS kernel: ", "vectors: ", "-bit, the Vector API's preferred",
        "FMA peak: ", " GHz clock at 2 FMA units", "of FMA peak", "\njava-vector ", "\njava-autovec ");
    if (System.getenv("OPENBLAS_CORETYPE") != null) {
      assertThat(run.out()).contains("forced by OPENBLAS_CORETYPE=" + System.getenv("OPENBLAS_CORETYPE"));
    }
  }

  @Test
  void aSweepPrintsEveryPointAndWritesItsChart() throws Exception {
    Path png = dir.resolve("sweep.png");
    CliRun run = CliRun.of(concat(new String[] {"bench", "--sweep", "--sweep-hidden", "8,16", "--sweep-batch", "4,8",
        "--plot", png.toString()}, TINY));
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().lines().filter(l -> l.matches("\\s+(8|16)\\s+(4|8) java-(vector|autovec) .*")))
        .hasSize(8);
    assertThat(run.out()).contains("wrote " + png);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isGreaterThanOrEqualTo(520);
    assertThat(image.getHeight()).isEqualTo(64 + 290);
  }

  @Test
  void aSweepTooLargeForTheHeapIsOneLineAndExitCode1() {
    CliRun run = CliRun.of("bench", "--sweep", "--sweep-hidden", "64,2000000000", "--sweep-batch", "1024",
        "--plot", dir.resolve("s.png").toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("vae4j bench: --sweep: hidden 2000000000 with batch 1024 does not fit: ")
        .contains("VAE4J_JAVA_OPTS=-Xmx").doesNotContain("\tat ").containsOnlyOnce("\n");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aSweepSizeBelowOneIsAUsageError() {
    CliRun run = CliRun.of("bench", "--sweep", "--sweep-batch", "32,0");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("vae4j bench: --sweep-batch must be at least 1, got 0\n");
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
