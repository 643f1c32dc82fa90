package org.vae4j.train;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.UserError;

/** metrics.json as a hostile user may leave it: one line naming the file, nothing huge parsed. */
class MetricsFileMalformedTest {
  @TempDir
  Path dir;

  @Test
  void notJsonIsOneLineWithWhereItBroke() throws IOException {
    Path file = Files.writeString(dir.resolve("metrics.json"), "{\"epochs\": [1,\n 2,, 3]}");

    assertThatThrownBy(() -> MetricsFile.read(file)).isInstanceOf(UserError.class)
        .hasMessageStartingWith(file + ": not valid JSON: Unexpected character (',' (code 44))")
        .hasMessageEndingWith(": expected a value (line 2, column 4)")
        .hasMessageNotContaining("\n");
  }

  @Test
  void deepNestingIsRefusedByTheParsersLimit() throws IOException {
    Path file = Files.writeString(dir.resolve("metrics.json"), "[".repeat(100_000));

    assertThatThrownBy(() -> MetricsFile.read(file))
        .hasMessageStartingWith(file + ": not valid JSON: Document nesting depth (1001) exceeds the maximum allowed")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aFileBeyondTheCapIsNotParsed() throws IOException {
    Path file = dir.resolve("metrics.json");
    try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
      sparse.write("{\"epochs\": [".getBytes());
      sparse.setLength(1L << 30); // 1 GiB, all but 12 bytes of it a hole
    }

    assertThatThrownBy(() -> MetricsFile.read(file)).hasMessage(file + ": 1073741824 bytes, more than the 67108864 "
        + "a metrics file may have; is this a vae4j metrics.json?");
    assertThatThrownBy(() -> MetricsFile.writeEvaluation(file, MetricsFile.toJsonTree(1)))
        .hasMessageStartingWith(file + ": 1073741824 bytes");
  }

  @Test
  void jsonThatIsNotARunsMetricsIsRefused() throws IOException {
    Path file = Files.writeString(dir.resolve("metrics.json"), "[{\"epochs\": []}]");

    assertThatThrownBy(() -> MetricsFile.read(file))
        .hasMessage(file + ": no epochs in the metrics; is this a vae4j metrics.json?");
  }
}
