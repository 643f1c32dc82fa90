package org.vae4j.train;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.vae4j.UserError;

/**
 * Fuzzes checkpoint loading (what --resume reads). Only UserError, in one line, may come out, and an
 * accepted checkpoint must be one a resume can use: equal sizes, a permutation as order, finite parameters.
 * The seed corpus is in src/test/resources/org/vae4j/train/CheckpointFileFuzzTestInputs/loadsOrRefuses.
 */
class CheckpointFileFuzzTest {
  private static Path file;

  @BeforeAll
  static void createFile() throws IOException {
    file = Files.createTempFile("vae4j-fuzz", ".safetensors");
  }

  @AfterAll
  static void deleteFile() throws IOException {
    Files.deleteIfExists(file);
  }

  @FuzzTest(maxDuration = "5m")
  void loadsOrRefuses(byte[] input) throws IOException {
    Files.write(file, input);
    try {
      CheckpointFile.Checkpoint c = CheckpointFile.load(file);
      TrainState s = c.state();
      if (s.m().length != c.params().length || s.v().length != c.params().length || s.rng().length != 4
          || c.metrics().size() != s.epoch()) {
        throw new AssertionError("accepted an inconsistent checkpoint");
      }
      boolean[] seen = new boolean[s.order().length];
      for (int i : s.order()) {
        if (seen[i]) {
          throw new AssertionError("accepted an order that is not a permutation");
        }
        seen[i] = true;
      }
    } catch (UserError expected) {
      if (expected.getMessage().contains("\n")) {
        throw new AssertionError("message of more than one line: " + expected.getMessage());
      }
    }
  }
}
