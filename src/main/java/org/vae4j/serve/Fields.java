package org.vae4j.serve;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;

/**
 * A request's JSON object and its checked fields: every field must be known, of its type and in its range;
 * numbers must be finite. Any problem is an {@link ApiError} (400) naming the field.
 */
final class Fields {
  static final ObjectMapper JSON = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  static {
    // a request is at most a few thousand numbers: refuse deep nesting and huge numbers before they cost
    JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
        .maxNestingDepth(8).maxNumberLength(64).maxStringLength(4096).build());
  }

  private final ObjectNode node;
  private final String where; // "" for the body, "from." for a nested object

  private Fields(ObjectNode node, String where) {
    this.node = node;
    this.where = where;
  }

  /** The body as a JSON object with only the allowed fields. */
  static Fields parse(byte[] body, Set<String> allowed) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiError.badRequest("malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ApiError.badRequest("malformed JSON: " + e.getMessage());
    }
    if (root == null || root.isMissingNode()) {
      throw ApiError.badRequest("the body must be a JSON object, got nothing");
    }
    return of(root, "", allowed);
  }

  private static Fields of(JsonNode node, String where, Set<String> allowed) {
    if (!node.isObject()) {
      throw ApiError.badRequest((where.isEmpty() ? "the body" : "'" + where.substring(0, where.length() - 1) + "'")
          + " must be a JSON object, got " + type(node));
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw ApiError.badRequest("unknown field '" + where + Text.abbreviate(name) + "'; expected "
            + String.join(", ", allowed.stream().sorted().toList()));
      }
    }
    return new Fields((ObjectNode) node, where);
  }

  boolean has(String name) {
    return node.has(name) && !node.get(name).isNull();
  }

  /** A nested object with only the allowed fields. */
  Fields object(String name, Set<String> allowed) {
    return of(required(name), where + name + ".", allowed);
  }

  String text(String name) {
    JsonNode v = required(name);
    if (!v.isTextual()) {
      throw invalid(name, "must be a string, got " + type(v));
    }
    return v.asText();
  }

  String text(String name, String fallback) {
    return has(name) ? text(name) : fallback;
  }

  int integer(String name, int low, int high) {
    JsonNode v = required(name);
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < low || v.asInt() > high) {
      throw invalid(name, "must be an integer from " + low + " to " + high + ", got " + Text.abbreviate(v.toString()));
    }
    return v.asInt();
  }

  int integer(String name, int low, int high, int fallback) {
    return has(name) ? integer(name, low, high) : fallback;
  }

  /** A list of exactly length numbers, each finite and within [-limit, limit] (or [low, high]). */
  float[] vector(String name, int length, double low, double high) {
    return vector(required(name), where + name, length, low, high);
  }

  /** A list of 1..maxRows lists of length numbers each, as one (rows, length) array. */
  float[][] vectors(String name, int maxRows, int length, double low, double high) {
    JsonNode v = required(name);
    if (!v.isArray() || v.isEmpty() || v.size() > maxRows) {
      throw invalid(name, "must be a list of 1 to " + maxRows + " lists of " + length + " numbers, got "
          + (v.isArray() ? v.size() + " items" : type(v)));
    }
    float[][] rows = new float[v.size()][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = vector(v.get(i), where + name + "[" + i + "]", length, low, high);
    }
    return rows;
  }

  private static float[] vector(JsonNode v, String what, int length, double low, double high) {
    if (!v.isArray() || v.size() != length) {
      throw ApiError.badRequest("'" + what + "' must be a list of " + length + " numbers, got "
          + (v.isArray() ? v.size() + " items" : type(v)));
    }
    float[] out = new float[length];
    for (int i = 0; i < length; i++) {
      JsonNode e = v.get(i);
      double x = e.asDouble();
      if (!e.isNumber() || !Double.isFinite(x) || x < low || x > high) {
        throw ApiError.badRequest("'" + what + "[" + i + "]' must be a number from " + Text.number(low) + " to "
            + Text.number(high) + ", got " + Text.abbreviate(e.toString()));
      }
      out[i] = (float) x;
    }
    return out;
  }

  private JsonNode required(String name) {
    if (!has(name)) {
      throw invalid(name, "is missing");
    }
    return node.get(name);
  }

  ApiError invalid(String name, String problem) {
    return ApiError.badRequest("'" + where + name + "' " + problem);
  }

  private static String type(JsonNode v) {
    return v.isArray() ? "a list" : v.isObject() ? "an object" : v.isTextual() ? "a string" : v.isNumber()
        ? "a number" : v.isBoolean() ? "a boolean" : v.isNull() ? "null" : v.getNodeType().name().toLowerCase();
  }
}
