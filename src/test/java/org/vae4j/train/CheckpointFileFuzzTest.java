package org.vae4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.vae4j.FileFuzzing;
import org.vae4j.FuzzSeeds;
import org.vae4j.model.ModelSpec;
import org.vae4j.model.ObjectiveSpec;

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

  /** A fuzz test passes as well for a reader that refuses everything: the valid seeds must load. */
  @Test
  void theValidSeedsLoad() throws IOException {
    for (String seed : new String[] {"valid", "valid-v1"}) {
      CheckpointFile.Checkpoint c = readOrRefuse(FuzzSeeds.read(CheckpointFileFuzzTest.class, "loadsOrRefuses",
          seed), CheckpointFile::load);
      assertThat(c).as(seed).isNotNull();
      assertThat(c.state().epoch()).isEqualTo(1);
      assertThat(c.state().order()).containsExactly(2, 0, 1);
      assertThat(c.params()).hasSize(56).startsWith(0f, 1f, 2f);
      assertThat(c.metrics()).hasSize(1);
      assertThat(c.config().model()).isEqualTo(ModelSpec.mlp(2, 2, 3, 2));
      assertThat(c.config().objective()).isEqualTo(ObjectiveSpec.NELBO);
    }
  }
}
