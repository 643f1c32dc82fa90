package org.vae4j.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server over real sockets: the page's files, and each kind of bad request (a path out of the page's
 * folder, an unknown path, an oversized body, a body that never arrives, a foreign Host) answered with a
 * JSON error while the server goes on serving.
 */
class ExplorerServerTest {
  private static final int BODY_LIMIT = 64 * 1024;
  private static ExplorerServer server;
  private static InetSocketAddress address;

  @BeforeAll
  static void start() throws Exception {
    server = ServeFixtures.explorer().serve(new ExplorerServer.Settings("127.0.0.1", 0, BODY_LIMIT,
        Duration.ofMillis(1000), 8), ServeFixtures.QUIET);
    address = server.address();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static RawHttp.Reply send(String request) throws Exception {
    return RawHttp.send(address, request, 10_000);
  }

  private static RawHttp.Reply get(String path) throws Exception {
    return send("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  }

  private static RawHttp.Reply post(String path, String body) throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return send("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
        + bytes.length + "\r\nConnection: close\r\n\r\n" + body);
  }

  /** The error of a refusal: it must be JSON with the status. */
  private static String error(RawHttp.Reply reply, int status) throws Exception {
    assertThat(reply.status()).withFailMessage("%s\n%s", reply.head(), reply.body()).isEqualTo(status);
    assertThat(reply.head()).containsIgnoringCase("Content-Type: application/json");
    JsonNode json = Fields.JSON.readTree(reply.body());
    assertThat(json.path("status").asInt()).isEqualTo(status);
    return json.path("error").asText();
  }

  private static void stillServes() throws Exception {
    RawHttp.Reply reply = post("/api/decode", "{\"model\": \"mlp-d2\", \"z\": [[0, 0]]}");
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(Fields.JSON.readTree(reply.body()).path("images").get(0)).hasSize(784);
  }

  @Test
  void servesThePageFromTheJar() throws Exception {
    RawHttp.Reply page = get("/");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.head()).containsIgnoringCase("Content-Type: text/html");
    assertThat(page.head()).containsIgnoringCase("Content-Security-Policy: default-src 'self'");
    assertThat(page.body()).contains("<script src=\"explorer.js\"></script>");
    assertThat(get("/latent-map.js").body()).contains("class LatentMap");
    assertThat(get("/style.css").head()).containsIgnoringCase("Content-Type: text/css");
    RawHttp.Reply head = send("HEAD /explorer.js HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
  }

  @Test
  void refusesPathsOutOfThePagesFolder() throws Exception {
    for (String path : new String[] {"/../pom.xml", "/..%2f..%2fetc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
        "/web/../../x", "/..%5c..%5cx", "/a//b"}) {
      assertThat(error(get(path), 400)).as(path).contains("path refused");
    }
    assertThat(error(get("/org/vae4j/web/index.html"), 404)).contains("no such file");
    assertThat(error(get("/model.safetensors"), 404)).contains("no such file");
    assertThat(error(get("//etc/passwd"), 404)).contains("no such file"); // "etc" reads as a host name
    assertThat(error(get("/api/nothing"), 404)).contains("no such API path");
    assertThat(error(send("DELETE / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"), 405))
        .contains("take GET");
    stillServes();
  }

  @Test
  void refusesOversizedBodies() throws Exception {
    String big = "{\"model\": \"mlp-d2\", \"z\": [[0, 0]], \"pad\": \"" + "x".repeat(BODY_LIMIT) + "\"}";
    assertThat(error(post("/api/decode", big), 413)).contains("at most " + BODY_LIMIT + " are taken");
    String chunk = Integer.toHexString(BODY_LIMIT + 10);
    String chunked = "POST /api/decode HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
        + "Connection: close\r\n\r\n" + chunk + "\r\n" + "x".repeat(BODY_LIMIT + 10) + "\r\n0\r\n\r\n";
    assertThat(error(send(chunked), 413)).contains("more than " + BODY_LIMIT);
    stillServes();
  }

  @Test
  void aBodyThatDoesNotArriveGets408AndTheServerGoesOn() throws Exception {
    try (Socket slow = new Socket()) {
      slow.connect(address, 5000);
      slow.setSoTimeout(10_000);
      OutputStream out = slow.getOutputStream();
      out.write(("POST /api/decode HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{\"model\"")
          .getBytes(StandardCharsets.UTF_8));
      out.flush();
      long start = System.nanoTime();
      stillServes(); // meanwhile, others are served
      InputStream in = slow.getInputStream();
      RawHttp.Reply reply = RawHttp.read(in);
      double seconds = (System.nanoTime() - start) / 1e9;
      assertThat(error(reply, 408)).contains("did not arrive within 1000 ms");
      assertThat(seconds).isLessThan(5);
    }
    stillServes();
  }

  @Test
  void answersOnlyRequestsAddressedToALocalName() throws Exception {
    RawHttp.Reply rebound = send("GET /api/models HTTP/1.1\r\nHost: attacker.example:8080\r\n"
        + "Connection: close\r\n\r\n");
    assertThat(error(rebound, 403)).contains("Host 'attacker.example:8080' refused");
    assertThat(send("GET /api/models HTTP/1.1\r\nHost: localhost:1234\r\nConnection: close\r\n\r\n").status())
        .isEqualTo(200);
  }

  @Test
  void malformedJsonIsAClearError() throws Exception {
    assertThat(error(post("/api/decode", "{\"model\": "), 400)).startsWith("malformed JSON");
    assertThat(error(post("/api/encode", "{\"model\": \"mlp-d2\", \"image\": [0.5]}"), 400))
        .contains("'image' must be a list of 784 numbers, got 1 items");
    stillServes();
  }
}
