package org.vae4j.data;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server on 127.0.0.1 that serves files from folders with a chosen behaviour: /good/ as is,
 * /corrupt/ with other content, /truncated/ stopping halfway through, /slow/ stalling after the headers,
 * and 404 everywhere else.
 */
final class TestHttpServer implements AutoCloseable {
  private static final long STALL_MILLIS = 5_000;

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final AtomicInteger requests = new AtomicInteger();

  /** files: the bytes served for each file name, e.g. "train-images-idx3-ubyte.gz". */
  TestHttpServer(Map<String, byte[]> files) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(executor);
    server.createContext("/", exchange -> {
      requests.incrementAndGet();
      String[] parts = exchange.getRequestURI().getPath().split("/");
      byte[] body = parts.length == 3 ? files.get(parts[2]) : null;
      if (body == null) {
        reply(exchange, 404, new byte[0], 0);
        return;
      }
      switch (parts[1]) {
        case "good" -> reply(exchange, 200, body, body.length);
        case "corrupt" -> reply(exchange, 200, IdxFixtures.gzip(IdxFixtures.labels(1)), -1);
        case "truncated" -> reply(exchange, 200, body, body.length / 2);
        case "slow" -> stall(exchange, body);
        default -> reply(exchange, 404, new byte[0], 0);
      }
    });
    server.start();
  }

  URI uri(String folder) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + folder + "/");
  }

  int requests() {
    return requests.get();
  }

  /**
   * Announces body.length bytes but sends only the first sent (all when sent is -1). Sending fewer makes
   * close() throw, and the server drops the connection when the handler throws, as a broken transfer would.
   */
  private static void reply(HttpExchange exchange, int status, byte[] body, int sent) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body, 0, sent < 0 ? body.length : sent);
      out.flush();
    }
  }

  private static void stall(HttpExchange exchange, byte[] body) {
    try {
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().flush();
      Thread.sleep(STALL_MILLIS);
    } catch (InterruptedException stopped) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      exchange.close();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow(); // wakes the stalled handlers
  }
}
