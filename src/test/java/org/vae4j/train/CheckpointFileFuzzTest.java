package org.vae4j.train;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import org.vae4j.FileFuzzing;

/**
 * Fuzzes checkpoint loading (what --resume reads). Only UserError, in one line, may come out, and an
 * accepted checkpoint must be one a resume can use: equal sizes, a permutation as order, finite parameters.
 * The seed corpus is in src/test/resources/org/vae4j/train/CheckpointFileFuzzTestInputs/loadsOrRefuses.
 */
class CheckpointFileFuzzTest extends FileFuzzing {
  @FuzzTest(maxDuration = "5m")
  void loadsOrRefuses(byte[] input) throws IOException {
    CheckpointFile.Checkpoint c = readOrRefuse(input, CheckpointFile::load);
    if (c == null) {
      return;
    }
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
  }
}
