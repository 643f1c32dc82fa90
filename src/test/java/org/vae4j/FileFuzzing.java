package org.vae4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * What the fuzz tests of file readers share: one scratch file per test class, and the rule that a
 * reader either accepts its input or refuses it with a one-line UserError.
 */
public abstract class FileFuzzing {
  private static Path file;

  /** Reads the scratch file; throws what the reader under test throws. */
  @FunctionalInterface
  protected interface Reader<T> {
    T read(Path file) throws IOException;
  }

  @BeforeAll
  static void createFile() throws IOException {
    file = Files.createTempFile("vae4j-fuzz", ".bin");
  }

  @AfterAll
  static void deleteFile() throws IOException {
    Files.deleteIfExists(file);
  }

  /** Writes input to the scratch file and reads it: what the reader returns, or null if it refused. */
  protected static <T> T readOrRefuse(byte[] input, Reader<T> reader) throws IOException {
    Files.write(file, input);
    try {
      return reader.read(file);
    } catch (UserError expected) {
      if (expected.getMessage().contains("\n")) {
        throw new AssertionError("message of more than one line: " + expected.getMessage());
      }
      return null;
    }
  }
}
