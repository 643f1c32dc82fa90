package org.vae4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the live bar shows on a terminal: whole images per second, then the running loss, apart. */
class TerminalProgressTest {
  @Test
  void speedAndLossAreSeparateAndTheSpeedHasNoFraction() throws InterruptedException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TerminalProgress progress = new TerminalProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    progress.epochStarted(1, 50, 60_000);
    for (int i = 0; i < 16; i++) {
      progress.batchDone(128, 208.52);
    }
    Thread.sleep(1100); // the bar shows a speed once a second has passed
    progress.epochDone(TestRuns.epoch(1, 208.52, 150, 140, 10, 1.1, 1862, 200, 8.52), 50, null);

    String shown = bytes.toString(StandardCharsets.UTF_8);
    assertThat(shown).containsPattern("\\(\\d+:\\d\\d:\\d\\d / \\d+:\\d\\d:\\d\\d\\) \\d+ img/s loss 208\\.5")
        .doesNotContain(".0 img/s");
  }
}
