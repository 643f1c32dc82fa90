package org.vae4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vae4j.FuzzSeeds;
import org.vae4j.UserError;

/**
 * Fuzzes the IDX reader with pairs of files, raw or gzip-compressed. Only the project's own UserError may
 * come out; anything else (an IndexOutOfBounds, an OutOfMemoryError from a header's sizes) is a finding.
 * Input layout: a 4-byte big-endian length L, then L bytes of the images file, then the labels file. The
 * seed corpus is in src/test/resources/org/vae4j/data/IdxReaderFuzzTestInputs/readsOrRefuses.
 */
class IdxReaderFuzzTest {
  private static Path dir;

  @BeforeAll
  static void createFolder() throws IOException {
    dir = Files.createTempDirectory("vae4j-idx-fuzz");
  }

  @AfterAll
  static void deleteFolder() throws IOException {
    for (String name : new String[] {"images", "labels"}) {
      Files.deleteIfExists(dir.resolve(name));
    }
    Files.deleteIfExists(dir);
  }

  @FuzzTest(maxDuration = "5m")
  void readsOrRefuses(byte[] input) throws IOException {
    ImageSet set = readOrRefuse(input);
    if (set == null) {
      return;
    }
    if (set.count() < 1 || set.rows() < 1 || set.cols() < 1) {
      throw new AssertionError("accepted an empty set");
    }
    for (int i = 0; i < set.count(); i++) {
      if (set.label(i) < 0 || set.label(i) > 9) {
        throw new AssertionError("accepted label " + set.label(i));
      }
    }
  }

  /** A fuzz test passes as well for a reader that refuses everything: the valid seeds must be read. */
  @Test
  void theValidSeedsAreRead() throws IOException {
    for (String name : List.of("valid-raw", "valid-gzip")) {
      ImageSet set = readOrRefuse(FuzzSeeds.read(IdxReaderFuzzTest.class, "readsOrRefuses", name));

      assertThat(set).as(name).isNotNull();
      assertThat(List.of(set.count(), set.rows(), set.cols())).as(name).containsExactly(3, 2, 2);
      assertThat(List.of(set.label(0), set.label(1), set.label(2))).as(name).containsExactly(0, 9, 5);
    }
  }

  /** The pair the input encodes, as read, or null when the reader refused it in one line. */
  private static ImageSet readOrRefuse(byte[] input) throws IOException {
    int length = input.length < 4 ? 0 : Math.min(ByteBuffer.wrap(input).getInt() & 0x7FFFFFFF, input.length - 4);
    int start = Math.min(4, input.length);
    Path images = Files.write(dir.resolve("images"), Arrays.copyOfRange(input, start, start + length));
    Path labels = Files.write(dir.resolve("labels"), Arrays.copyOfRange(input, start + length, input.length));
    try {
      return IdxReader.read(images, labels);
    } catch (UserError expected) {
      if (expected.getMessage().contains("\n")) {
        throw new AssertionError("message of more than one line: " + expected.getMessage());
      }
      return null;
    }
  }
}
