package org.vae4j.nn;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.vae4j.UserError;

/**
 * Fuzzes the safetensors reader with whole files. Only UserError, in one line, may come out; whatever it
 * accepts must hold tensors whose sizes agree with their shapes and whose bytes came from the file. The
 * seed corpus is in src/test/resources/org/vae4j/nn/SafeTensorsFuzzTestInputs/readsOrRefuses.
 */
class SafeTensorsFuzzTest {
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
  void readsOrRefuses(byte[] input) throws IOException {
    Files.write(file, input);
    try {
      SafeTensors.Contents contents = SafeTensors.read(file);
      long bytes = 0;
      for (SafeTensors.Entry e : contents.tensors().values()) {
        bytes += 4L * e.data().length;
      }
      if (bytes > input.length) {
        throw new AssertionError("read " + bytes + " data bytes from a file of " + input.length);
      }
    } catch (UserError expected) {
      if (expected.getMessage().contains("\n")) {
        throw new AssertionError("message of more than one line: " + expected.getMessage());
      }
    }
  }
}
