package org.vae4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vae4j.UserError;

/**
 * Each kind of malformed safetensors file gets a one-line UserError that names the file, before any
 * allocation the file's numbers could make large. (Rows of docs/reliability.md.)
 */
class SafeTensorsMalformedTest {
  private static final String W = "\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";

  @TempDir
  Path dir;

  private Path file;

  private Path write(String header, int dataBytes) throws IOException {
    file = dir.resolve("bad.safetensors");
    byte[] json = header.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(json.length).put(json);
    Files.write(file, b.array());
    return file;
  }

  private void assertRejected(String message) {
    assertThatThrownBy(() -> SafeTensors.read(file)).isExactlyInstanceOf(UserError.class)
        .hasMessageStartingWith(file + ": not a valid safetensors file: ")
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").hasSizeLessThan(300));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "not JSON|{\"w\": |0|header is not valid JSON",
      "not an object|[1, 2]|0|not a JSON object",
      "a string|\"hello\"|0|not a JSON object",
      "trailing JSON|{} {}|0|header is not valid JSON",
      "duplicate name|{" + W + "," + W + "}|8|names a tensor twice",
      "duplicate metadata key|{\"__metadata__\":{\"a\":\"1\",\"a\":\"2\"}}|0|names a tensor twice",
      "unknown dtype|{\"w\":{\"dtype\":\"Q7\",\"shape\":[2],\"data_offsets\":[0,8]}}|8|dtype \"Q7\" is not supported",
      "F64 is not read|{\"w\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}|8|dtype \"F64\" is not supported",
      "shape and offsets disagree|{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}|8|needs 12 bytes",
      "shape overflows|{\"w\":{\"dtype\":\"F32\",\"shape\":[2147483647,2147483647,2147483647],\"data_offsets\":[0,8]}}|8|or more bytes",
      "negative size|{\"w\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}|8|is not a list of sizes",
      "fractional size|{\"w\":{\"dtype\":\"F32\",\"shape\":[2.5],\"data_offsets\":[0,8]}}|8|is not a list of sizes",
      "offsets beyond the file|{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}|4|outside the 4 data bytes",
      "offsets reversed|{\"w\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[8,0]}}|8|outside the 8 data bytes",
      "offsets not numbers|{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[\"0\",8]}}|8|are not two byte offsets",
      "one offset|{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0]}}|8|needs a shape array and two data_offsets",
      "entry not an object|{\"w\":3}|0|entry is not a JSON object",
      "overlap|{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}|12|overlap",
      "gap|{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}|12|data bytes 4 to 8 belong to no tensor",
      "trailing data|{" + W + "}|12|data bytes 8 to 12 belong to no tensor",
      "metadata not strings|{\"__metadata__\":{\"a\":1}}|0|is not a string",
  })
  void rejects(String what, String header, int dataBytes, String message) throws IOException {
    write(header, dataBytes);
    assertRejected(message);
  }

  @Test
  void rejectsAHeaderLengthBeyondTheFile() throws IOException {
    file = dir.resolve("bad.safetensors");
    Files.write(file, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1000).array());
    assertRejected("header length 1000 does not fit a file of 16 bytes");
    Files.write(file, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-1).array());
    assertRejected("header length 18446744073709551615 exceeds the limit");
    Files.write(file, new byte[] {1, 2, 3});
    assertRejected("file ends early");
  }

  /** A sparse file of 120 MB claiming a 110 MB header: refused by the cap, nothing read or allocated. */
  @Test
  void rejectsAHeaderAbove100MegabytesEvenWhenTheFileIsThatLarge() throws IOException {
    file = dir.resolve("bad.safetensors");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(110L << 20).array());
      raf.setLength(120L << 20);
    }
    assertRejected("header length 115343360 exceeds the limit of 104857600 bytes");
  }

  @Test
  void namesFromTheFileAreQuotedSoTheMessageStaysOneLine() throws IOException {
    write("{\"line\\nbreak\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[0,2]}}", 2);
    assertRejected("tensor \"line\\nbreak\"");
  }

  @Test
  void anEmptyHeaderObjectIsAValidEmptyFile() throws IOException {
    write("{}", 0);
    assertThat(SafeTensors.read(file).tensors()).isEmpty();
  }
}
