package org.vae4j.model;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.vae4j.UserError;
import org.vae4j.nn.ReferenceGemm;

/**
 * Fuzzes model loading (safetensors, then the config and its agreement with the tensors). Only UserError,
 * in one line, may come out; a config announcing a huge model must not be allocated. The seed corpus is in
 * src/test/resources/org/vae4j/model/ModelFileFuzzTestInputs/loadsOrRefuses.
 */
class ModelFileFuzzTest {
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
      ModelFile.load(file, new ReferenceGemm());
    } catch (UserError expected) {
      if (expected.getMessage().contains("\n")) {
        throw new AssertionError("message of more than one line: " + expected.getMessage());
      }
    }
  }
}
