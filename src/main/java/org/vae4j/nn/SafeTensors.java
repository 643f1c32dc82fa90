package org.vae4j.nn;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vae4j.AtomicFile;
import org.vae4j.UserError;

/**
 * The safetensors file format, for F32 tensors: an unsigned 64-bit little-endian header length, a JSON
 * header mapping each name to its dtype, shape and byte range, an optional "__metadata__" map of strings,
 * then the raw little-endian data. Reading parses only; nothing in the file is executed.
 *
 * <p>Reading trusts nothing: the header length is checked against the file and a 100 MB cap before any
 * buffer is made for it, names must be unique, and the tensors' byte ranges must tile the data section
 * exactly (no overlap, no gap, nothing after the last one), so every allocation is bounded by the file's
 * real size.
 */
public final class SafeTensors {
  /** Headers larger than this are refused before anything is allocated for them. */
  static final long MAX_HEADER_BYTES = 100L << 20;
  private static final String METADATA = "__metadata__";
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private SafeTensors() {}

  /** One tensor: its shape and its values in row-major order. */
  public record Entry(int[] shape, float[] data) {
    public Entry {
      long size = 1;
      for (int dim : shape) {
        size *= dim;
      }
      if (size != data.length) {
        throw new IllegalArgumentException("shape holds " + size + " values, data " + data.length);
      }
    }
  }

  /** A file's tensors in header order, and its metadata. */
  public record Contents(Map<String, Entry> tensors, Map<String, String> metadata) {}

  /** Writes the tensors in the given order, atomically. */
  public static void write(Path file, Map<String, Entry> tensors, Map<String, String> metadata) {
    ObjectNode header = JSON.createObjectNode();
    if (!metadata.isEmpty()) {
      ObjectNode meta = header.putObject(METADATA);
      metadata.forEach(meta::put);
    }
    long offset = 0;
    for (Map.Entry<String, Entry> t : tensors.entrySet()) {
      ObjectNode node = header.putObject(t.getKey());
      node.put("dtype", "F32");
      var shape = node.putArray("shape");
      for (int dim : t.getValue().shape()) {
        shape.add(dim);
      }
      long bytes = 4L * t.getValue().data().length;
      node.putArray("data_offsets").add(offset).add(offset + bytes);
      offset += bytes;
    }
    byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
    int padded = (json.length + 7) / 8 * 8; // spaces keep the data 8-byte aligned, as the reference writer does
    AtomicFile.write(file, out -> {
      ByteBuffer prefix = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
      prefix.putLong(padded).put(json);
      while (prefix.hasRemaining()) {
        prefix.put((byte) ' ');
      }
      out.write(prefix.array());
      for (Entry e : tensors.values()) {
        ByteBuffer data = ByteBuffer.allocate(4 * e.data().length).order(ByteOrder.LITTLE_ENDIAN);
        data.asFloatBuffer().put(e.data());
        out.write(data.array());
      }
    });
  }

  /** Reads every tensor of a file; a malformed file is a UserError naming it and the problem. */
  public static Contents read(Path file) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long fileSize = channel.size();
      ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      readFully(channel, lengthBytes, 0, file);
      long headerLength = lengthBytes.flip().getLong();
      if (headerLength < 0 || headerLength > MAX_HEADER_BYTES) {
        throw bad(file, "header length " + Long.toUnsignedString(headerLength) + " exceeds the limit of "
            + MAX_HEADER_BYTES + " bytes");
      }
      if (headerLength < 2 || headerLength > fileSize - 8) {
        throw bad(file, "header length " + headerLength + " does not fit a file of " + fileSize + " bytes");
      }
      ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
      readFully(channel, headerBytes, 8, file);
      JsonNode header = parseHeader(headerBytes.array(), file);
      long dataStart = 8 + headerLength;
      long dataSize = fileSize - dataStart;
      Map<String, String> metadata = new LinkedHashMap<>();
      List<TensorHeader> headers = new ArrayList<>();
      Iterator<Map.Entry<String, JsonNode>> fields = header.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (field.getKey().equals(METADATA)) {
          readMetadata(field.getValue(), metadata, file);
        } else {
          headers.add(TensorHeader.parse(field.getKey(), field.getValue(), dataSize, file));
        }
      }
      checkTiling(headers, dataSize, file);
      Map<String, Entry> tensors = new LinkedHashMap<>();
      for (TensorHeader th : headers) {
        ByteBuffer data = ByteBuffer.allocate((int) (th.end - th.begin)).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, data, dataStart + th.begin, file);
        float[] values = new float[data.capacity() / 4];
        data.flip().asFloatBuffer().get(values);
        tensors.put(th.name, new Entry(th.shape, values));
      }
      return new Contents(tensors, metadata);
    } catch (IOException e) {
      throw new UserError(file + ": cannot read: " + AtomicFile.reason(e), e);
    }
  }

  private static JsonNode parseHeader(byte[] bytes, Path file) {
    JsonNode header;
    try {
      header = JSON.readTree(bytes);
    } catch (IOException e) {
      String problem = e.getMessage() != null && e.getMessage().startsWith("Duplicate field")
          ? "header names a tensor twice (" + quote(e.getMessage().lines().findFirst().orElse("")) + ")"
          : "header is not valid JSON";
      throw bad(file, problem);
    }
    if (header == null || !header.isObject()) {
      throw bad(file, "header is not a JSON object");
    }
    return header;
  }

  private static void readMetadata(JsonNode node, Map<String, String> metadata, Path file) {
    if (!node.isObject()) {
      throw bad(file, METADATA + " is not a JSON object");
    }
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> m = it.next();
      if (!m.getValue().isTextual()) {
        throw bad(file, METADATA + " entry " + quote(m.getKey()) + " is not a string");
      }
      metadata.put(m.getKey(), m.getValue().asText());
    }
  }

  /** A tensor's header entry, checked against itself and the data section. */
  private record TensorHeader(String name, int[] shape, long begin, long end) {
    static TensorHeader parse(String name, JsonNode node, long dataSize, Path file) {
      if (!node.isObject()) {
        throw bad(file, "tensor " + quote(name) + ": entry is not a JSON object");
      }
      String dtype = node.path("dtype").asText("");
      if (!dtype.equals("F32")) {
        throw bad(file, "tensor " + quote(name) + ": dtype " + quote(dtype) + " is not supported (only F32)");
      }
      JsonNode shapeNode = node.path("shape");
      JsonNode offsets = node.path("data_offsets");
      if (!shapeNode.isArray() || !offsets.isArray() || offsets.size() != 2) {
        throw bad(file, "tensor " + quote(name) + ": needs a shape array and two data_offsets");
      }
      int[] shape = new int[shapeNode.size()];
      long count = 1;
      for (int i = 0; i < shape.length; i++) {
        JsonNode dim = shapeNode.get(i);
        if (!dim.isIntegralNumber() || !dim.canConvertToInt() || dim.asInt() < 0) {
          throw bad(file, "tensor " + quote(name) + ": shape " + abbreviate(shapeNode) + " is not a list of sizes");
        }
        shape[i] = dim.asInt();
        // Capped so the product cannot overflow; anything above the data section is refused below.
        count = Math.min(count * shape[i], Integer.MAX_VALUE);
      }
      JsonNode first = offsets.get(0);
      JsonNode second = offsets.get(1);
      if (!first.isIntegralNumber() || !second.isIntegralNumber()
          || !first.canConvertToLong() || !second.canConvertToLong()) {
        throw bad(file, "tensor " + quote(name) + ": data_offsets " + abbreviate(offsets)
            + " are not two byte offsets");
      }
      long begin = first.asLong();
      long end = second.asLong();
      if (begin < 0 || end < begin || end > dataSize) {
        throw bad(file, "tensor " + quote(name) + ": data_offsets " + abbreviate(offsets) + " lie outside the "
            + dataSize + " data bytes");
      }
      if (end - begin != 4 * count || count == Integer.MAX_VALUE) {
        throw bad(file, "tensor " + quote(name) + ": shape " + abbreviate(shapeNode) + " needs " + 4 * count
            + (count == Integer.MAX_VALUE ? " or more" : "") + " bytes, data_offsets give " + (end - begin));
      }
      return new TensorHeader(name, shape, begin, end);
    }
  }

  /** The byte ranges, in offset order, must cover [0, dataSize) exactly once. */
  private static void checkTiling(List<TensorHeader> headers, long dataSize, Path file) {
    List<TensorHeader> byOffset = new ArrayList<>(headers);
    byOffset.sort(Comparator.comparingLong(TensorHeader::begin).thenComparingLong(TensorHeader::end));
    long next = 0;
    String previous = null;
    for (TensorHeader th : byOffset) {
      if (th.begin < next) {
        throw bad(file, "tensors " + quote(previous) + " and " + quote(th.name) + " overlap (bytes " + th.begin + " to "
            + Math.min(next, th.end) + ")");
      }
      if (th.begin > next) {
        throw bad(file, "data bytes " + next + " to " + th.begin + " belong to no tensor");
      }
      next = th.end;
      previous = th.name;
    }
    if (next != dataSize) {
      throw bad(file, "data bytes " + next + " to " + dataSize + " belong to no tensor");
    }
  }

  /** A name from the file for a one-line message: JSON-quoted (no raw control characters), at most 60 characters. */
  private static String quote(String text) {
    return abbreviate(JSON.getNodeFactory().textNode(text));
  }

  /** A JSON value for a one-line message: at most 60 characters. */
  private static String abbreviate(JsonNode node) {
    String text = node.toString();
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long position, Path file)
      throws IOException {
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, position + buffer.position());
      if (n < 0) {
        throw bad(file, "file ends early");
      }
    }
  }

  private static UserError bad(Path file, String problem) {
    return new UserError(file + ": not a valid safetensors file: " + problem);
  }
}
