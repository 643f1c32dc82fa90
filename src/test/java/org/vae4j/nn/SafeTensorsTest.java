package org.vae4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.UserError;

class SafeTensorsTest {
  @TempDir
  Path dir;

  @Test
  void roundTripKeepsNamesOrderShapesValuesAndMetadata() {
    Map<String, SafeTensors.Entry> tensors = new LinkedHashMap<>();
    tensors.put("b.weight", new SafeTensors.Entry(new int[] {2, 3}, new float[] {1, -2, 3.5f, Float.MIN_VALUE, 0, -0f}));
    tensors.put("a.bias", new SafeTensors.Entry(new int[] {1}, new float[] {Float.MAX_VALUE}));
    Path file = dir.resolve("t.safetensors");
    SafeTensors.write(file, tensors, Map.of("config", "{\"x\":1}"));

    SafeTensors.Contents read = SafeTensors.read(file);
    assertThat(read.tensors().keySet()).containsExactly("b.weight", "a.bias");
    assertThat(read.tensors().get("b.weight").shape()).containsExactly(2, 3);
    assertThat(read.tensors().get("b.weight").data()).containsExactly(1, -2, 3.5f, Float.MIN_VALUE, 0, -0f);
    assertThat(read.tensors().get("a.bias").data()).containsExactly(Float.MAX_VALUE);
    assertThat(read.metadata()).containsEntry("config", "{\"x\":1}");
  }

  @Test
  void layoutIsTheStandardOne() throws IOException {
    Path file = dir.resolve("t.safetensors");
    SafeTensors.write(file, Map.of("w", new SafeTensors.Entry(new int[] {2}, new float[] {1f, 2f})), Map.of());
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    long headerLength = bytes.getLong();
    assertThat(headerLength % 8).isZero();
    String header = new String(bytes.array(), 8, (int) headerLength, StandardCharsets.UTF_8).strip();
    assertThat(header).isEqualTo("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}");
    bytes.position(8 + (int) headerLength);
    assertThat(bytes.getFloat()).isEqualTo(1f);
    assertThat(bytes.getFloat()).isEqualTo(2f);
    assertThat(bytes.hasRemaining()).isFalse();
  }

  @Test
  void rejectsMalformedFilesWithOneLineNamingTheFile() throws IOException {
    Path file = dir.resolve("bad.safetensors");
    Files.write(file, new byte[] {1, 2, 3});
    assertThatThrownBy(() -> SafeTensors.read(file)).isInstanceOf(UserError.class)
        .hasMessageContaining("bad.safetensors").hasMessageContaining("ends early");

    writeRaw(file, "{\"w\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[0,2]}}", 2);
    assertThatThrownBy(() -> SafeTensors.read(file)).hasMessageContaining("dtype \"F16\" is not supported");

    writeRaw(file, "{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8);
    assertThatThrownBy(() -> SafeTensors.read(file)).hasMessageContaining("needs 12 bytes");

    writeRaw(file, "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 4);
    assertThatThrownBy(() -> SafeTensors.read(file)).hasMessageContaining("outside the 4 data bytes");

    writeRaw(file, "[1, 2]", 0);
    assertThatThrownBy(() -> SafeTensors.read(file)).hasMessageContaining("not a JSON object");

    ByteBuffer huge = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(Long.MAX_VALUE);
    Files.write(file, huge.array());
    assertThatThrownBy(() -> SafeTensors.read(file)).hasMessageContaining("header length")
        .hasMessageNotContaining("\n");
  }

  private static void writeRaw(Path file, String header, int dataBytes) throws IOException {
    byte[] json = header.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(json.length).put(json);
    Files.write(file, b.array());
  }
}
