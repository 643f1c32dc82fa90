package org.vae4j.nn;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import org.vae4j.FileFuzzing;

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
}
