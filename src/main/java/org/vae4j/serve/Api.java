package org.vae4j.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON API (docs/serve.md): GET /api/models, GET /api/map?model=ID, and POST /api/decode, /api/encode,
 * /api/score, /api/interpolate. Every field is checked; whatever a request holds, the answer is a status
 * and a JSON object, {"error": "...", "status": N} when it is refused. Independent of HTTP, so that it can
 * be tested and fuzzed directly.
 */
final class Api {
  /** Most codes one decode takes. */
  static final int MAX_CODES = 64;
  /** Most images on an interpolation path. */
  static final int MAX_STEPS = 32;
  /** Latent values a request may give: far outside any posterior, but finite. */
  static final double MAX_LATENT = 1000;

  /** A status and its JSON body. */
  record Reply(int status, byte[] body) {}

  private final Map<String, ExploredModel> models = new LinkedHashMap<>();
  private final String title;

  Api(List<ExploredModel> models, String title) {
    models.forEach(m -> this.models.put(m.id(), m));
    this.title = title;
  }

  /** Answers one request; never throws but for an Error. */
  Reply handle(String method, String path, String rawQuery, byte[] body) {
    try {
      return new Reply(200, route(method, path, rawQuery, body));
    } catch (ApiError e) {
      return error(e.status(), e.getMessage());
    }
  }

  static Reply error(int status, String message) {
    ObjectNode o = Fields.JSON.createObjectNode();
    o.put("error", message);
    o.put("status", status);
    return new Reply(status, bytes(o));
  }

  private byte[] route(String method, String path, String rawQuery, byte[] body) {
    String expected = switch (path) {
      case "/api/models", "/api/map" -> "GET";
      case "/api/decode", "/api/encode", "/api/score", "/api/interpolate" -> "POST";
      default -> throw new ApiError(404, "no such API path: " + Text.abbreviate(path)
          + " (see /api/models, /api/map, /api/decode, /api/encode, /api/score, /api/interpolate)");
    };
    if (!method.equals(expected)) {
      throw new ApiError(405, path + " takes " + expected + ", got " + Text.abbreviate(method));
    }
    if (expected.equals("POST") && rawQuery != null && !rawQuery.isEmpty()) {
      throw ApiError.badRequest(path + " takes its fields in the JSON body, not in the query");
    }
    return switch (path) {
      case "/api/models" -> {
        query(rawQuery, Set.of());
        yield bytes(models());
      }
      case "/api/map" -> model(query(rawQuery, Set.of("model")).get("model")).map();
      case "/api/decode" -> bytes(decode(Fields.parse(body, Set.of("model", "z", "label"))));
      case "/api/encode" -> bytes(encode(Fields.parse(body, Set.of("model", "image", "label"))));
      case "/api/score" -> bytes(score(Fields.parse(body, Set.of("model", "image", "label"))));
      default -> bytes(interpolate(Fields.parse(body, Set.of("model", "from", "to", "steps", "path", "label"))));
    };
  }

  private ObjectNode models() {
    ObjectNode o = Fields.JSON.createObjectNode();
    o.put("title", title);
    ArrayNode list = o.putArray("models");
    models.values().forEach(m -> list.add(m.summary()));
    return o;
  }

  private ObjectNode decode(Fields f) {
    ExploredModel m = model(f.text("model"));
    int d = m.vae().latent();
    float[][] codes = f.vectors("z", MAX_CODES, d, -MAX_LATENT, MAX_LATENT);
    int label = decoderLabel(f, m);
    float[] z = new float[codes.length * d];
    for (int i = 0; i < codes.length; i++) {
      System.arraycopy(codes[i], 0, z, i * d, d);
    }
    ObjectNode o = reply(m);
    putLabel(o, label);
    Json.putImages(o.putArray("images"), m.decode(z, codes.length, label), codes.length, m.vae().input());
    ArrayNode points = o.putArray("points");
    for (float[] code : codes) {
      Json.putNumbers(points.addArray(), m.project(code));
    }
    return o;
  }

  private ObjectNode encode(Fields f) {
    ExploredModel m = model(f.text("model"));
    float[] x = image(f, m);
    Label label = encoderLabel(f, m, x);
    ExploredModel.Encoded e = m.encode(x, label.value());
    ObjectNode o = reply(m);
    label.put(o);
    Json.putNumbers(o.putArray("mean"), e.posterior().mean(), 0, m.vae().latent());
    Json.putNumbers(o.putArray("logvar"), e.posterior().logvar(), 0, m.vae().latent());
    Json.putNumbers(o.putArray("point"), e.point());
    ObjectNode ellipse = o.putObject("ellipse");
    ellipse.put("rx", Json.round(e.ellipse()[0]));
    ellipse.put("ry", Json.round(e.ellipse()[1]));
    ellipse.put("angle", Json.round(e.ellipse()[2]));
    Json.putImages(o.putArray("reconstruction"), e.reconstruction(), 1, m.vae().input());
    ArrayNode neighbours = o.putArray("neighbours");
    for (int k = 0; k < e.neighbours().length; k++) {
      int i = e.neighbours()[k];
      ObjectNode n = neighbours.addObject();
      n.put("index", i);
      n.put("digit", m.trainDigit(i));
      n.put("distance", Json.round(e.distances()[k]));
      Json.putImages(n.putArray("image"), m.trainImage(i), 1, m.vae().input());
    }
    return o;
  }

  private ObjectNode score(Fields f) {
    ExploredModel m = model(f.text("model"));
    float[] x = image(f, m);
    Label label = encoderLabel(f, m, x);
    ExploredModel.Scored s = m.score(x, label.value());
    ObjectNode o = reply(m);
    label.put(o);
    o.put("nelbo", Json.round(s.score().nelbo()));
    o.put("nll", Json.round(s.score().nll()));
    o.put("nelboPercentile", Json.round(s.nelboPercentile()));
    o.put("nllPercentile", Json.round(s.nllPercentile()));
    float[] probabilities = classify(m, x, 1);
    if (probabilities == null) {
      o.putNull("classifier");
    } else {
      ObjectNode c = putGuess(o.putObject("classifier"), probabilities, 0, m.classifiers().classes());
      Json.putNumbers(c.putArray("probabilities"), probabilities, 0, m.classifiers().classes());
    }
    return o;
  }

  private ObjectNode interpolate(Fields f) {
    ExploredModel m = model(f.text("model"));
    int steps = f.integer("steps", 2, MAX_STEPS, 9);
    Interpolation path = Interpolation.parse(f.text("path", "linear"));
    int label = decoderLabel(f, m);
    Endpoint from = endpoint(f, "from", m);
    Endpoint to = endpoint(f, "to", m);
    int d = m.vae().latent();
    float[] codes = path.path(from.z(), to.z(), steps);
    float[] images = m.decode(codes, steps, label);
    ObjectNode o = reply(m);
    o.put("path", path.name().toLowerCase(java.util.Locale.ROOT));
    putLabel(o, label);
    ArrayNode codeList = o.putArray("codes");
    ArrayNode points = o.putArray("points");
    for (int s = 0; s < steps; s++) {
      Json.putNumbers(codeList.addArray(), codes, s * d, (s + 1) * d);
      float[] code = java.util.Arrays.copyOfRange(codes, s * d, (s + 1) * d);
      Json.putNumbers(points.addArray(), m.project(code));
    }
    Json.putImages(o.putArray("images"), images, steps, m.vae().input());
    float[] probabilities = classify(m, images, steps);
    if (probabilities == null) {
      o.putNull("classifier");
    } else {
      ArrayNode guesses = o.putArray("classifier");
      for (int s = 0; s < steps; s++) {
        putGuess(guesses.addObject(), probabilities, s, m.classifiers().classes());
      }
    }
    ArrayNode ends = o.putArray("endpoints");
    for (Endpoint e : List.of(from, to)) {
      ObjectNode n = ends.addObject();
      if (e.image() == null) {
        n.putNull("image");
      } else {
        Json.putImages(n.putArray("image"), e.image(), 1, m.vae().input());
      }
      if (e.digit() < 0) {
        n.putNull("digit");
      } else {
        n.put("digit", e.digit());
      }
    }
    return o;
  }

  /** An end of a path: its code, and the image and digit it came from (null, -1 for a code given). */
  private record Endpoint(float[] z, float[] image, int digit) {}

  private Endpoint endpoint(Fields body, String name, ExploredModel m) {
    Fields f = body.object(name, Set.of("test", "image", "z", "label"));
    int given = (f.has("test") ? 1 : 0) + (f.has("image") ? 1 : 0) + (f.has("z") ? 1 : 0);
    if (given != 1) {
      throw ApiError.badRequest("'" + name + "' must have exactly one of 'test', 'image' and 'z'");
    }
    if (f.has("test")) {
      if (f.has("label")) {
        throw f.invalid("label", "is not for a test image, which has its own");
      }
      int i = f.integer("test", 0, m.testCount() - 1);
      return new Endpoint(m.testMean(i), m.testImage(i), m.testDigit(i));
    }
    if (f.has("z")) {
      if (f.has("label")) {
        throw f.invalid("label", "is not for a code");
      }
      return new Endpoint(f.vector("z", m.vae().latent(), -MAX_LATENT, MAX_LATENT), null, -1);
    }
    float[] x = image(f, m);
    Label label = encoderLabel(f, m, x);
    return new Endpoint(m.posterior(x, label.value()).mean(), x, label.value());
  }

  /** The label an image is encoded with: the one given, else the classifier's guess; -1 for none. */
  private record Label(int value, String from) {
    void put(ObjectNode o) {
      putLabel(o, value);
      if (from == null) {
        o.putNull("labelFrom");
      } else {
        o.put("labelFrom", from);
      }
    }
  }

  private Label encoderLabel(Fields f, ExploredModel m, float[] x) {
    if (!m.vae().conditional() || f.has("label")) {
      return new Label(decoderLabel(f, m), f.has("label") ? "request" : null);
    }
    float[] probabilities = classify(m, x, 1);
    if (probabilities == null || m.classifiers().classes() != m.vae().classes()) {
      throw f.invalid("label", "is needed: model " + m.id() + " is conditional, and there is no classifier to guess "
          + "the image's label");
    }
    return new Label(argmax(probabilities, 0, m.classifiers().classes()), "classifier");
  }

  /** The label given, required by a conditional model and refused by any other; -1 for none. */
  private static int decoderLabel(Fields f, ExploredModel m) {
    if (!m.vae().conditional()) {
      if (f.has("label")) {
        throw f.invalid("label", "is not taken: model " + m.id() + " is not conditional");
      }
      return -1;
    }
    if (!f.has("label")) {
      throw f.invalid("label", "is missing: model " + m.id() + " is conditional (0 to " + (m.vae().classes() - 1)
          + ")");
    }
    return f.integer("label", 0, m.vae().classes() - 1);
  }

  private static float[] image(Fields f, ExploredModel m) {
    return f.vector("image", m.vae().input(), 0, 1);
  }

  /** (n, C) class probabilities of images (n, P), or null without a classifier for images of this size. */
  private static float[] classify(ExploredModel m, float[] images, int n) {
    return m.classifiers() == null ? null : m.classifiers().probabilities(images, n);
  }

  private static ObjectNode putGuess(ObjectNode o, float[] probabilities, int row, int c) {
    int digit = argmax(probabilities, row, c);
    o.put("digit", digit);
    o.put("confidence", Json.round(probabilities[row * c + digit]));
    return o;
  }

  private static int argmax(float[] probabilities, int row, int c) {
    int best = 0;
    for (int k = 1; k < c; k++) {
      if (probabilities[row * c + k] > probabilities[row * c + best]) {
        best = k;
      }
    }
    return best;
  }

  private static void putLabel(ObjectNode o, int label) {
    if (label < 0) {
      o.putNull("label");
    } else {
      o.put("label", label);
    }
  }

  ExploredModel model(String id) {
    ExploredModel m = models.get(id);
    if (m == null) {
      throw new ApiError(404, "no model '" + Text.abbreviate(id) + "'; there are "
          + String.join(", ", models.keySet()));
    }
    return m;
  }

  private static ObjectNode reply(ExploredModel m) {
    ObjectNode o = Fields.JSON.createObjectNode();
    o.put("model", m.id());
    return o;
  }

  /** The query's parameters, each at most once and each allowed. */
  static Map<String, String> query(String rawQuery, Set<String> allowed) {
    Map<String, String> values = new LinkedHashMap<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&", -1)) {
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        if (!allowed.contains(name)) {
          throw ApiError.badRequest("unknown query parameter '" + Text.abbreviate(name) + "'"
              + (allowed.isEmpty() ? "; this path takes none" : "; expected " + String.join(", ", allowed)));
        }
        if (values.put(name, value) != null) {
          throw ApiError.badRequest("query parameter '" + name + "' is given twice");
        }
      }
    }
    for (String name : allowed) {
      if (!values.containsKey(name)) {
        throw ApiError.badRequest("query parameter '" + name + "' is missing");
      }
    }
    return values;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("malformed query: " + Text.abbreviate(s));
    }
  }

  private static byte[] bytes(ObjectNode o) {
    try {
      return Fields.JSON.writeValueAsBytes(o);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
