package org.vae4j.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.vae4j.model.Inference;
import org.vae4j.model.Vae;
import org.vae4j.nn.JavaGemm;
import org.vae4j.nn.Rng;

/** The JSON API on the fixture experiment: each call's content, and the refusals of bad requests. */
class ApiTest {
  private final Api api = ServeFixtures.explorer().api();

  private JsonNode ok(String method, String path, String query, String body) throws Exception {
    Api.Reply reply = api.handle(method, path, query, body.getBytes(StandardCharsets.UTF_8));
    JsonNode json = Fields.JSON.readTree(reply.body());
    assertThat(reply.status()).as(json.toString()).isEqualTo(200);
    return json;
  }

  private JsonNode post(String path, String body) throws Exception {
    return ok("POST", path, null, body);
  }

  /** The refusal of a request: its status, and the error message, which must name the problem. */
  private String refused(int status, String method, String path, String query, String body) throws Exception {
    Api.Reply reply = api.handle(method, path, query, body.getBytes(StandardCharsets.UTF_8));
    JsonNode json = Fields.JSON.readTree(reply.body());
    assertThat(reply.status()).as(json.toString()).isEqualTo(status);
    assertThat(json.path("status").asInt()).isEqualTo(status);
    return json.path("error").asText();
  }

  private String refusedPost(String path, String body) throws Exception {
    return refused(400, "POST", path, null, body);
  }

  private static String image(double value) {
    return "[" + String.join(",", java.util.Collections.nCopies(784, String.valueOf(value))) + "]";
  }

  private ExploredModel mlp() {
    return ServeFixtures.explorer().api().model("mlp-d2");
  }

  private static String list(float[] v) {
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < v.length; i++) {
      s.append(i == 0 ? "" : ",").append(v[i]);
    }
    return s.append("]").toString();
  }

  @Test
  void listsTheModelsOfTheFolder() throws Exception {
    JsonNode models = ok("GET", "/api/models", null, "");
    assertThat(models.path("models")).hasSize(2);
    JsonNode cvae = models.path("models").get(0);
    assertThat(cvae.path("id").asText()).isEqualTo("cvae-d4");
    assertThat(cvae.path("kind").asText()).isEqualTo("cvae");
    assertThat(cvae.path("classes").asInt()).isEqualTo(10);
    assertThat(cvae.path("classifier").asBoolean()).isTrue();
    assertThat(cvae.path("testNelbo").asDouble()).isBetween(100.0, 550.0);
    assertThat(models.path("models").get(1).path("latent").asInt()).isEqualTo(2);
  }

  @Test
  void theMapOfD2IsTheLatentPlaneAndOfD4ItsPrincipalPlane() throws Exception {
    JsonNode map = ok("GET", "/api/map", "model=mlp-d2", "");
    assertThat(map.path("plane").path("principal").asBoolean()).isFalse();
    assertThat(map.path("points").path("x")).hasSize(500);
    assertThat(map.path("points").path("digit").get(0).asInt()).isEqualTo(7); // MNIST's first test image
    assertThat(map.path("sliders")).hasSize(2);
    float[] mean = mlp().testMean(3);
    assertThat(map.path("points").path("x").get(3).asDouble()).isCloseTo(mean[0], within(1e-4));
    assertThat(map.path("points").path("y").get(3).asDouble()).isCloseTo(mean[1], within(1e-4));
    JsonNode principal = ok("GET", "/api/map", "model=cvae-d4", "");
    assertThat(principal.path("plane").path("principal").asBoolean()).isTrue();
    assertThat(principal.path("sliders")).hasSize(4);
    JsonNode u = principal.path("plane").path("axes").get(0);
    JsonNode v = principal.path("plane").path("axes").get(1);
    double dot = 0;
    for (int j = 0; j < 4; j++) {
      dot += u.get(j).asDouble() * v.get(j).asDouble();
    }
    assertThat(dot).isCloseTo(0, within(1e-3));
  }

  @Test
  void decodesAsTheModelDoes() throws Exception {
    JsonNode reply = post("/api/decode", "{\"model\": \"mlp-d2\", \"z\": [[0.5, -1.25], [0, 0]]}");
    Vae vae = mlp().vae().sharing(new JavaGemm(1), org.vae4j.nn.Parallel.SERIAL);
    float[] expected = new Inference(vae).decode(new float[] {0.5f, -1.25f, 0, 0}, null, 2);
    assertThat(reply.path("images")).hasSize(2);
    for (int i = 0; i < 2; i++) {
      for (int p = 0; p < 784; p += 37) {
        assertThat(reply.path("images").get(i).get(p).asDouble()).isCloseTo(expected[i * 784 + p], within(6e-4));
      }
    }
    assertThat(reply.path("points").get(0).get(1).asDouble()).isEqualTo(-1.25);
  }

  @Test
  void encodesATestImageToItsPointOnTheMap() throws Exception {
    float[] x = mlp().testImage(5);
    JsonNode reply = post("/api/encode", "{\"model\": \"mlp-d2\", \"image\": " + list(x) + "}");
    float[] mean = mlp().testMean(5);
    assertThat(reply.path("mean").get(0).asDouble()).isCloseTo(mean[0], within(1e-3));
    assertThat(reply.path("point").get(1).asDouble()).isCloseTo(mean[1], within(1e-3));
    assertThat(reply.path("ellipse").path("rx").asDouble()).isPositive();
    assertThat(reply.path("reconstruction").get(0)).hasSize(784);
    JsonNode neighbours = reply.path("neighbours");
    assertThat(neighbours).hasSize(ExploredModel.NEIGHBOURS);
    for (int k = 1; k < neighbours.size(); k++) {
      assertThat(neighbours.get(k).path("distance").asDouble())
          .isGreaterThanOrEqualTo(neighbours.get(k - 1).path("distance").asDouble());
    }
    assertThat(reply.path("label").isNull()).isTrue();
  }

  @Test
  void aTestDigitIsTypicalAndNoiseIsNot() throws Exception {
    JsonNode digit = post("/api/score", "{\"model\": \"mlp-d2\", \"image\": " + list(mlp().testImage(0)) + "}");
    JsonNode grey = post("/api/score", "{\"model\": \"mlp-d2\", \"image\": " + image(0.5) + "}");
    assertThat(digit.path("nelboPercentile").asDouble()).isLessThan(95);
    assertThat(grey.path("nelboPercentile").asDouble()).isEqualTo(100.0);
    assertThat(grey.path("nllPercentile").asDouble()).isEqualTo(100.0);
    assertThat(grey.path("nll").asDouble()).isLessThanOrEqualTo(grey.path("nelbo").asDouble() + 1e-3);
    assertThat(digit.path("classifier").path("probabilities")).hasSize(10);
    // the same image, the same numbers: the samples come from a fixed seed
    JsonNode again = post("/api/score", "{\"model\": \"mlp-d2\", \"image\": " + list(mlp().testImage(0)) + "}");
    assertThat(again.path("nll").asDouble()).isEqualTo(digit.path("nll").asDouble());
  }

  @Test
  void interpolatesBetweenTestImagesStraightAndAlongTheCircle() throws Exception {
    String ends = "\"from\": {\"test\": 0}, \"to\": {\"test\": 1}, \"steps\": 5";
    JsonNode linear = post("/api/interpolate", "{\"model\": \"mlp-d2\", " + ends + "}");
    JsonNode spherical = post("/api/interpolate", "{\"model\": \"mlp-d2\", " + ends + ", \"path\": \"spherical\"}");
    float[] a = mlp().testMean(0);
    float[] b = mlp().testMean(1);
    for (JsonNode reply : List.of(linear, spherical)) {
      assertThat(reply.path("codes")).hasSize(5);
      assertThat(reply.path("images")).hasSize(5);
      assertThat(reply.path("classifier")).hasSize(5);
      assertThat(reply.path("codes").get(0).get(0).asDouble()).isCloseTo(a[0], within(1e-3));
      assertThat(reply.path("codes").get(4).get(1).asDouble()).isCloseTo(b[1], within(1e-3));
      assertThat(reply.path("endpoints").get(0).path("digit").asInt()).isEqualTo(7);
    }
    assertThat(linear.path("codes").get(2).get(0).asDouble()).isCloseTo((a[0] + b[0]) / 2, within(1e-3));
    // from (1, 0) to (0, 2), a quarter turn: the chord's midpoint is (0.5, 1); slerp's is (a + b) / (2 cos 45°)
    String codes = "\"from\": {\"z\": [1, 0]}, \"to\": {\"z\": [0, 2]}, \"steps\": 3";
    JsonNode chord = post("/api/interpolate", "{\"model\": \"mlp-d2\", " + codes + "}").path("codes").get(1);
    JsonNode arc = post("/api/interpolate", "{\"model\": \"mlp-d2\", " + codes + ", \"path\": \"spherical\"}")
        .path("codes").get(1);
    assertThat(chord.get(0).asDouble()).isEqualTo(0.5);
    assertThat(chord.get(1).asDouble()).isEqualTo(1.0);
    assertThat(arc.get(0).asDouble()).isCloseTo(Math.sqrt(0.5), within(1e-4));
    assertThat(arc.get(1).asDouble()).isCloseTo(2 * Math.sqrt(0.5), within(1e-4));
  }

  @Test
  void aConditionalModelTakesTheDigitOrGuessesIt() throws Exception {
    assertThat(refusedPost("/api/decode", "{\"model\": \"cvae-d4\", \"z\": [[0, 0, 0, 0]]}"))
        .contains("'label' is missing");
    JsonNode three = post("/api/decode", "{\"model\": \"cvae-d4\", \"z\": [[0, 0, 0, 0]], \"label\": 3}");
    JsonNode eight = post("/api/decode", "{\"model\": \"cvae-d4\", \"z\": [[0, 0, 0, 0]], \"label\": 8}");
    assertThat(three.path("images")).isNotEqualTo(eight.path("images"));
    JsonNode guessed = post("/api/encode", "{\"model\": \"cvae-d4\", \"image\": "
        + list(mlp().testImage(0)) + "}");
    assertThat(guessed.path("labelFrom").asText()).isEqualTo("classifier");
    JsonNode given = post("/api/encode", "{\"model\": \"cvae-d4\", \"label\": 7, \"image\": "
        + list(mlp().testImage(0)) + "}");
    assertThat(given.path("labelFrom").asText()).isEqualTo("request");
    assertThat(refusedPost("/api/decode", "{\"model\": \"mlp-d2\", \"z\": [[0, 0]], \"label\": 1}"))
        .contains("'label' is not taken");
  }

  @Test
  void refusesBadRequestsNamingTheProblem() throws Exception {
    assertThat(refusedPost("/api/decode", "{\"model\": \"mlp-d2\", \"z\": [[0, 0]")).startsWith("malformed JSON");
    assertThat(refusedPost("/api/decode", "{\"model\": \"mlp-d2\", \"z\": [[NaN, 0]]}")).startsWith("malformed JSON");
    assertThat(refusedPost("/api/decode", "{\"model\": \"mlp-d2\", \"z\": [[1e999, 0]]}"))
        .contains("'z[0][0]' must be a number from -1000 to 1000");
    assertThat(refusedPost("/api/decode", "{\"model\": \"mlp-d2\", \"z\": [[0, 0, 0]]}"))
        .contains("'z[0]' must be a list of 2 numbers, got 3 items");
    assertThat(refusedPost("/api/decode", "{\"model\": \"mlp-d2\", \"z\": [0, 0]}"))
        .contains("'z[0]' must be a list of 2 numbers, got a number");
    assertThat(refusedPost("/api/decode", "{\"model\": \"mlp-d2\", \"z\": [[0, \"1\"]]}"))
        .contains("'z[0][1]' must be a number");
    assertThat(refusedPost("/api/decode", "{\"model\": \"mlp-d2\", \"z\": [[0, 0]], \"zz\": 1}"))
        .contains("unknown field 'zz'");
    assertThat(refusedPost("/api/decode", "{\"model\": \"mlp-d2\", \"model\": \"x\", \"z\": [[0, 0]]}"))
        .contains("malformed JSON: Duplicate field 'model'");
    assertThat(refusedPost("/api/decode", "[1, 2]")).contains("the body must be a JSON object, got a list");
    assertThat(refusedPost("/api/decode", "")).contains("the body must be a JSON object, got nothing");
    assertThat(refusedPost("/api/decode", "{} {}")).startsWith("malformed JSON");
    assertThat(refusedPost("/api/encode", "{\"model\": \"mlp-d2\", \"image\": " + image(1.5) + "}"))
        .contains("'image[0]' must be a number from 0 to 1, got 1.5");
    String path = "{\"model\": \"mlp-d2\", \"from\": {\"test\": 0}, ";
    assertThat(refusedPost("/api/interpolate", path + "\"to\": {\"test\": 500}}"))
        .contains("'to.test' must be an integer from 0 to 499");
    assertThat(refusedPost("/api/interpolate", "{\"model\": \"mlp-d2\", \"from\": {\"test\": 0, \"z\": [0, 0]}, "
        + "\"to\": {\"test\": 1}}")).contains("'from' must have exactly one of");
    assertThat(refusedPost("/api/interpolate", path + "\"to\": {\"test\": 1}, "
        + "\"path\": \"zigzag\"}")).contains("'path' must be \"linear\" or \"spherical\"");
    assertThat(refusedPost("/api/interpolate", path + "\"to\": {\"test\": 1}, "
        + "\"steps\": 1000}")).contains("'steps' must be an integer from 2 to 32");
    assertThat(refused(404, "POST", "/api/decode", null, "{\"model\": \"nope\", \"z\": [[0, 0]]}"))
        .contains("no model 'nope'; there are cvae-d4, mlp-d2");
    assertThat(refused(404, "GET", "/api/nothing", null, "")).contains("no such API path");
    assertThat(refused(405, "GET", "/api/decode", null, "")).contains("/api/decode takes POST");
    assertThat(refused(400, "GET", "/api/map", "model=mlp-d2&x=1", "")).contains("unknown query parameter 'x'");
    assertThat(refused(400, "GET", "/api/map", null, "")).contains("query parameter 'model' is missing");
    assertThat(refused(400, "GET", "/api/map", "model=%zz", "")).contains("malformed query");
    assertThat(refused(400, "POST", "/api/decode", "a=1", "{}")).contains("not in the query");
  }

  @Test
  void concurrentRequestsEachGetTheirOwnResult() throws Exception {
    ExploredModel m = mlp();
    int threads = 8;
    int perThread = 100;
    Rng rng = new Rng(3);
    float[][] codes = new float[threads * perThread][2];
    float[][] expected = new float[codes.length][];
    Vae reference = m.vae().sharing(new JavaGemm(1), org.vae4j.nn.Parallel.SERIAL);
    for (int i = 0; i < codes.length; i++) {
      codes[i][0] = rng.nextFloat() * 6 - 3;
      codes[i][1] = rng.nextFloat() * 6 - 3;
      expected[i] = new Inference(reference).decode(codes[i], null, 1);
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t * perThread;
        results.add(pool.submit(() -> {
          int wrong = 0;
          for (int i = first; i < first + perThread; i++) {
            JsonNode reply = Fields.JSON.readTree(api.handle("POST", "/api/decode", null,
                ("{\"model\": \"mlp-d2\", \"z\": [" + list(codes[i]) + "]}").getBytes(StandardCharsets.UTF_8)).body());
            JsonNode image = reply.path("images").get(0);
            for (int p = 0; p < 784; p++) {
              if (Math.abs(image.get(p).asDouble() - expected[i][p]) > 6e-4) {
                wrong++;
                break;
              }
            }
          }
          return wrong;
        }));
      }
      for (Future<Integer> r : results) {
        assertThat(r.get()).isZero();
      }
    } finally {
      pool.shutdown();
    }
  }
}
