package org.vae4j.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vae4j.FuzzSeeds;

/**
 * Fuzzes the API's request handling: the first byte picks a path and method, the rest is the body (or the
 * query of a GET). Whatever arrives, the answer must be a status the API documents with a JSON object, and
 * an "error" of one line when refused; nothing may be thrown. The seed corpus (valid requests of each path
 * and a few bad ones) is in src/test/resources/org/vae4j/serve/ApiFuzzTestInputs/answersEveryRequest.
 */
class ApiFuzzTest {
  private static final List<String> PATHS = List.of("/api/decode", "/api/encode", "/api/score", "/api/interpolate",
      "/api/map", "/api/models", "/api/unknown");
  private static final Set<Integer> STATUSES = Set.of(200, 400, 404, 405);

  private static Api.Reply handle(byte[] input) {
    Api api = ServeFixtures.explorer().api();
    if (input.length == 0) {
      return api.handle("POST", "/api/decode", null, input);
    }
    String path = PATHS.get((input[0] & 0xff) % PATHS.size());
    byte[] rest = Arrays.copyOfRange(input, 1, input.length);
    boolean get = path.equals("/api/map") || path.equals("/api/models");
    return get ? api.handle("GET", path, new String(rest, java.nio.charset.StandardCharsets.UTF_8), new byte[0])
        : api.handle((input[0] & 0x80) != 0 ? "GET" : "POST", path, null, rest);
  }

  @FuzzTest(maxDuration = "5m")
  void answersEveryRequest(byte[] input) throws IOException {
    Api.Reply reply = handle(input);
    assertThat(STATUSES).contains(reply.status());
    JsonNode json = Fields.JSON.readTree(reply.body());
    assertThat(json.isObject()).isTrue();
    if (reply.status() != 200) {
      assertThat(json.path("status").asInt()).isEqualTo(reply.status());
      assertThat(json.path("error").asText()).isNotEmpty().doesNotContain("\n");
    }
  }

  /** A fuzz test passes as well for an API that refuses everything: the valid seeds must be answered 200. */
  @Test
  void theValidSeedsAreAnswered() throws IOException {
    for (String seed : new String[] {"decode", "decode-cvae", "encode", "score", "interpolate", "map", "models"}) {
      Api.Reply reply = handle(FuzzSeeds.read(ApiFuzzTest.class, "answersEveryRequest", seed));
      assertThat(reply.status()).as(seed + ": " + new String(reply.body())).isEqualTo(200);
    }
  }
}
