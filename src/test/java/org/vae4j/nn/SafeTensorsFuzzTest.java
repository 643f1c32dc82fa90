package org.vae4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.vae4j.FileFuzzing;
import org.vae4j.FuzzSeeds;

/**
 * Fuzzes the safetensors reader with whole files. Only UserError, in one line, may come out; whatever it
 * accepts must hold tensors whose sizes agree with their shapes and whose bytes came from the file. The
 * seed corpus is in src/test/resources/org/vae4j/nn/SafeTensorsFuzzTestInputs/readsOrRefuses.
 */
class SafeTensorsFuzzTest extends FileFuzzing {
  @FuzzTest(maxDuration = "5m")
  void readsOrRefuses(byte[] input) throws IOException {
    SafeTensors.Contents contents = readOrRefuse(input, SafeTensors::read);
    if (contents != null) {
      long bytes = 0;
      for (SafeTensors.Entry e : contents.tensors().values()) {
        bytes += 4L * e.data().length;
      }
      if (bytes > input.length) {
        throw new AssertionError("read " + bytes + " data bytes from a file of " + input.length);
      }
    }
  }

  /** A fuzz test passes as well for a reader that refuses everything: the valid seeds must be read. */
  @Test
  void theValidSeedsAreRead() throws IOException {
    SafeTensors.Contents valid = readOrRefuse(seed("valid"), SafeTensors::read);
    SafeTensors.Contents empty = readOrRefuse(seed("valid-empty"), SafeTensors::read);
    SafeTensors.Contents model = readOrRefuse(seed("model"), SafeTensors::read);

    assertThat(valid.tensors().get("w").data()).containsExactly(1f, 2f);
    assertThat(valid.metadata()).containsEntry("k", "v");
    assertThat(empty.tensors()).isEmpty();
    assertThat(model.tensors()).hasSize(10).containsKey("decoder.output.weight");
  }

  private static byte[] seed(String name) throws IOException {
    return FuzzSeeds.read(SafeTensorsFuzzTest.class, "readsOrRefuses", name);
  }
}
