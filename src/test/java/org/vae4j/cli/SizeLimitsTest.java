package org.vae4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.InvalidSetting;
import org.vae4j.model.ModelSpec;
import org.vae4j.train.MemoryNeed;

/**
 * Sizes that cannot fit are refused before anything is allocated or written, in one line naming the option,
 * the size needed and the limit: no OutOfMemoryError, no int overflow, no minute spent starting threads.
 */
class SizeLimitsTest {
  @TempDir
  Path dir;

  private CliRun train(Path data, String... more) {
    String[] base = {"train", "--data", data.toString(), "--out", dir.resolve("run").toString(), "--epochs", "1"};
    String[] args = new String[base.length + more.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return CliRun.of(args);
  }

  @Test
  void absurdSizesAreOneLineAndNothingIsWritten() throws IOException {
    Path data = FakeData.write(dir.resolve("data"), 20, 28, 28);
    String[][] cases = {{"--batch", "100000000"}, {"--hidden", "2000000000"}, {"--latent", "50000000"},
        {"--threads", "100000"}, {"--hidden", "100000", "--latent", "100000"}};
    String[] starts = {
        "vae4j train: --batch 100,000,000 needs about ",
        "vae4j train: --hidden 2,000,000,000 with latent 20 makes a model of 3,260,000,000,824 parameters; one "
            + "float array holds at most 2,147,483,639",
        "vae4j train: --latent 50,000,000 with hidden 512 makes a model of 76,900,804,624 parameters",
        "vae4j train: --threads must be at most 256 (this machine has ",
        "vae4j train: --hidden 100,000 with latent 100,000 makes a model of "};
    for (int i = 0; i < cases.length; i++) {
      long start = System.nanoTime();
      CliRun run = train(data, cases[i]);
      assertThat(run.exitCode()).as(String.join(" ", cases[i])).isEqualTo(2);
      assertThat(run.err()).startsWith(starts[i]).endsWith("\n").hasLineCount(1);
      assertThat((System.nanoTime() - start) / 1e9).as("refused at once").isLessThan(10);
      assertThat(dir.resolve("run")).doesNotExist();
    }
  }

  @Test
  void theEstimateRefusesWhatTheHeapCannotHoldAndPassesTheLabModel() {
    var lab = ModelSpec.mlp(28, 28, 512, 20).architecture();
    // 835,384 parameters in six copies, and two 128 x (512, 20, 20, 512, 784) activations with their gradients
    assertThat(MemoryNeed.parameters(lab)).isEqualTo(4.0 * 6 * 835_384);
    assertThat(MemoryNeed.activations(lab, 256, 1)).isEqualTo(2 * MemoryNeed.activations(lab, 128, 1));
    assertThat(MemoryNeed.parameters(lab) + MemoryNeed.activations(lab, 128, 1)).isLessThan(50e6);
    MemoryNeed.check(lab, 128, 1, 100_000_000L);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> MemoryNeed.check(lab, 128, 1, 10_000_000L))
        .isInstanceOf(InvalidSetting.class).hasMessageContaining("makes a model of 835,384 parameters, about 20 MB");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> MemoryNeed.check(lab, 100_000, 1, 100_000_000L))
        .isInstanceOf(InvalidSetting.class).hasMessageStartingWith("batch 100,000 needs about ");
  }
}
