package org.vae4j.serve;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP side of vae4j serve, on the JDK's server: the page's files and the {@link Api}. Bodies are
 * capped (413) and must arrive within a time limit (408, as JSON); a client that has not sent its headers
 * by then is disconnected by the JDK's own limit; requests run on a fixed set of threads.
 */
public final class ExplorerServer implements AutoCloseable {
  /**
   * Where to listen (port 0: any free one), the largest body taken, the time a body may take to arrive,
   * and the threads handling requests (the model work itself is bounded by the workspace pools).
   */
  public record Settings(String host, int port, int bodyLimit, Duration bodyTimeout, int handlerThreads) {
    public static final int DEFAULT_BODY_LIMIT = 1 << 20;
    public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(10);

    public Settings {
      if (port < 0 || port > 65535 || bodyLimit < 1 || handlerThreads < 1 || bodyTimeout.toMillis() < 1) {
        throw new IllegalArgumentException("port 0..65535, body limit, threads and timeout must be positive");
      }
    }

    public static Settings local(int port) {
      return new Settings("127.0.0.1", port, DEFAULT_BODY_LIMIT, DEFAULT_BODY_TIMEOUT, 64);
    }
  }

  private static final int READING = 0;
  private static final int READ = 1;
  private static final int TIMED_OUT = 2;
  private static final Set<String> LOCAL_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");

  private final Api api;
  private final StaticFiles files = new StaticFiles();
  private final Settings settings;
  private final PrintStream log;
  private final HttpServer server;
  private final ExecutorService handlers;
  private final ScheduledExecutorService timer;
  private final boolean loopback;

  private ExplorerServer(Api api, Settings settings, PrintStream log) throws IOException {
    this.api = api;
    this.settings = settings;
    this.log = log;
    configureJdkServer(settings.bodyTimeout());
    InetAddress address = InetAddress.getByName(settings.host());
    loopback = address.isLoopbackAddress();
    server = HttpServer.create(new InetSocketAddress(address, settings.port()), 128);
    AtomicInteger count = new AtomicInteger();
    handlers = Executors.newFixedThreadPool(settings.handlerThreads(),
        r -> daemon(r, "vae4j-serve-" + count.incrementAndGet()));
    timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "vae4j-serve-timeouts"));
    server.setExecutor(handlers);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts serving api; log gets one line per internal error. */
  static ExplorerServer start(Api api, Settings settings, PrintStream log) throws IOException {
    return new ExplorerServer(api, settings, log);
  }

  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** The page's address, e.g. http://127.0.0.1:8080/: the host as given, the port as bound. */
  public URI uri() {
    String host = settings.host();
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address().getPort() + "/");
  }

  @Override
  public void close() {
    server.stop(0);
    handlers.shutdownNow();
    timer.shutdownNow();
  }

  /**
   * The JDK server's own settings, read once per process from system properties: a request (headers and
   * body) that takes longer than the body limit and some slack, or a response that the client does not read
   * within a minute, has its connection closed; and TCP_NODELAY, without which the body of a reply waits
   * for the client's delayed acknowledgement of its headers, 40 ms on Linux. Left alone when set on the
   * command line.
   */
  private static void configureJdkServer(Duration bodyTimeout) {
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    long seconds = (bodyTimeout.toMillis() + 999) / 1000 + 2;
    if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
      System.setProperty("sun.net.httpserver.maxReqTime", String.valueOf(seconds));
    }
    if (System.getProperty("sun.net.httpserver.maxRspTime") == null) {
      System.setProperty("sun.net.httpserver.maxRspTime", "60");
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  private void handle(HttpExchange exchange) {
    try {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      checkHost(exchange.getRequestHeaders());
      if (path.startsWith("/api/")) {
        byte[] body = method.equals("POST") ? readBody(exchange) : new byte[0];
        if (body != null) {
          Api.Reply reply = api.handle(method, path, exchange.getRequestURI().getRawQuery(), body);
          send(exchange, reply.status(), "application/json", reply.body(), false);
        }
      } else {
        if (!method.equals("GET") && !method.equals("HEAD")) {
          throw new ApiError(405, "the page's files take GET, got " + Text.abbreviate(method));
        }
        StaticFiles.File file = files.lookup(path);
        send(exchange, 200, file.type(), file.bytes(), method.equals("HEAD"));
      }
    } catch (ApiError e) {
      sendQuietly(exchange, Api.error(e.status(), e.getMessage()));
    } catch (IOException e) {
      // the client went away: nobody to answer
    } catch (RuntimeException e) {
      log.println("vae4j serve: internal error on " + exchange.getRequestMethod() + " "
          + Text.abbreviate(exchange.getRequestURI().getRawPath()) + ": " + e);
      sendQuietly(exchange, Api.error(500, "internal error: " + Text.abbreviate(String.valueOf(e))));
    } finally {
      exchange.close();
    }
  }

  /**
   * Bound to loopback, the server answers only requests addressed to a local name: a page elsewhere that
   * rebinds its own name to 127.0.0.1 cannot read the API.
   */
  private void checkHost(Headers headers) {
    String host = headers.getFirst("Host");
    if (!loopback || host == null) {
      return;
    }
    String name = host.toLowerCase(Locale.ROOT).replaceFirst(":\\d+$", "");
    if (!LOCAL_NAMES.contains(name)) {
      throw new ApiError(403, "Host '" + Text.abbreviate(host) + "' refused: this server answers requests to "
          + "localhost or 127.0.0.1 only");
    }
  }

  /** The body, at most the limit; null when the time limit ran out first (then 408 was sent). */
  private byte[] readBody(HttpExchange exchange) throws IOException {
    int limit = settings.bodyLimit();
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    if (length != null && (!length.trim().matches("\\d{1,18}") || Long.parseLong(length.trim()) > limit)) {
      throw new ApiError(413, "the body has " + Text.abbreviate(length) + " bytes; at most " + limit + " are taken");
    }
    AtomicInteger state = new AtomicInteger(READING);
    long millis = settings.bodyTimeout().toMillis();
    ScheduledFuture<?> deadline = timer.schedule(() -> {
      if (state.compareAndSet(READING, TIMED_OUT)) {
        // written but not closed: closing would drain the body on this thread, at the slow client's pace; the
        // handler's read fails when the JDK's request limit closes the connection, and it closes the exchange
        Api.Reply reply = Api.error(408, "the request's body did not arrive within " + millis + " ms");
        try {
          setHeaders(exchange.getResponseHeaders(), "application/json");
          exchange.getResponseHeaders().set("Connection", "close");
          exchange.sendResponseHeaders(reply.status(), reply.body().length);
          OutputStream out = exchange.getResponseBody();
          out.write(reply.body());
          out.flush();
        } catch (IOException | RuntimeException e) {
          // the client went away
        }
      }
    }, millis, TimeUnit.MILLISECONDS);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    try (InputStream in = exchange.getRequestBody()) {
      byte[] buffer = new byte[8192];
      for (int n; (n = in.read(buffer)) > 0; ) {
        body.write(buffer, 0, n);
        if (body.size() > limit) {
          break;
        }
      }
    } catch (IOException e) {
      if (state.get() == TIMED_OUT) {
        return null;
      }
      throw e;
    } finally {
      deadline.cancel(false);
    }
    if (!state.compareAndSet(READING, READ)) {
      return null;
    }
    if (body.size() > limit) {
      throw new ApiError(413, "the body has more than " + limit + " bytes; at most " + limit + " are taken");
    }
    return body.toByteArray();
  }

  private void sendQuietly(HttpExchange exchange, Api.Reply reply) {
    try {
      send(exchange, reply.status(), "application/json", reply.body(), false);
    } catch (IOException | RuntimeException e) {
      // the client went away, or an answer was sent already
    }
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body, boolean head)
      throws IOException {
    setHeaders(exchange.getResponseHeaders(), type);
    exchange.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static void setHeaders(Headers h, String type) {
    h.set("Content-Type", type);
    h.set("Cache-Control", "no-store");
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Referrer-Policy", "no-referrer");
    if (type.startsWith("text/html")) {
      h.set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; object-src 'none'; "
          + "frame-ancestors 'none'");
    }
  }
}
