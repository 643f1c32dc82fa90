package org.vae4j.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.vae4j.data.TestData;

/**
 * 50 clients at once on 127.0.0.1 for a while (-Dvae4j.serve.loadSeconds, 2 s by default so that the build
 * stays fast; README's figures come from 20 s), each sending requests back to back: 85% decodes of one code,
 * and encodes, scores and interpolations of test images. Every answer must be 200. Prints requests per
 * second and the decode latency percentiles. -Dvae4j.serve.loadFolder=DIR serves a run or experiment
 * folder instead of the small fixture models, and -Dvae4j.serve.loadModel=ID one of its models (default: the
 * first); -Dvae4j.serve.loadClients=N another number of clients.
 */
class ServeLoadTest {
  private static final int CLIENTS = Integer.getInteger("vae4j.serve.loadClients", 50);

  @Test
  void fiftyClientsGetNoError() throws Exception {
    double seconds = Double.parseDouble(System.getProperty("vae4j.serve.loadSeconds", "2"));
    String folder = System.getProperty("vae4j.serve.loadFolder");
    int cores = Runtime.getRuntime().availableProcessors();
    Explorer explorer = folder == null ? ServeFixtures.explorer() : Explorer.open(Path.of(folder),
        Explorer.Options.defaults(TestData.mnistDir(), "auto", cores, null), System.err);
    String model = System.getProperty("vae4j.serve.loadModel", explorer.models().get(0));
    Api api = explorer.api();
    int d = api.model(model).vae().latent();
    String image = ServeFixtures.imageJson(api.model(model).testImage(0));
    try (ExplorerServer server = explorer.serve(ExplorerServer.Settings.local(0), System.err)) {
      URI base = server.uri();
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10)).build();
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      long end = System.nanoTime() + (long) (seconds * 1e9);
      AtomicReference<String> firstError = new AtomicReference<>();
      List<Future<long[][]>> results = new ArrayList<>();
      long start = System.nanoTime();
      for (int c = 0; c < CLIENTS; c++) {
        results.add(clients.submit(() -> {
          long[] decodes = new long[1 << 16];
          long[] counts = new long[3]; // decodes, others, errors
          ThreadLocalRandom random = ThreadLocalRandom.current();
          while (System.nanoTime() < end) {
            double pick = random.nextDouble();
            String path;
            String body;
            if (pick < 0.85) {
              StringBuilder z = new StringBuilder();
              for (int j = 0; j < d; j++) {
                z.append(j == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.3f", random.nextGaussian()));
              }
              path = "/api/decode";
              body = "{\"model\": \"" + model + "\", \"z\": [[" + z + "]]" + label(api, model) + "}";
            } else if (pick < 0.90) {
              path = "/api/encode";
              body = "{\"model\": \"" + model + "\", \"image\": " + image + label(api, model) + "}";
            } else if (pick < 0.95) {
              path = "/api/score";
              body = "{\"model\": \"" + model + "\", \"image\": " + image + label(api, model) + "}";
            } else {
              path = "/api/interpolate";
              body = "{\"model\": \"" + model + "\", \"from\": {\"test\": " + random.nextInt(100) + "}, "
                  + "\"to\": {\"test\": " + random.nextInt(100) + "}, \"steps\": 8" + label(api, model) + "}";
            }
            long t0 = System.nanoTime();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            long nanos = System.nanoTime() - t0;
            if (response.statusCode() != 200) {
              counts[2]++;
              firstError.compareAndSet(null, path + ": " + response.statusCode() + " " + response.body());
            } else if (path.equals("/api/decode")) {
              if (counts[0] < decodes.length) {
                decodes[(int) counts[0]] = nanos;
              }
              counts[0]++;
            } else {
              counts[1]++;
            }
          }
          return new long[][] {Arrays.copyOf(decodes, (int) Math.min(counts[0], decodes.length)), counts};
        }));
      }
      long[] all = new long[0];
      long decodes = 0;
      long others = 0;
      long errors = 0;
      for (Future<long[][]> f : results) {
        long[][] r = f.get();
        int at = all.length;
        all = Arrays.copyOf(all, at + r[0].length);
        System.arraycopy(r[0], 0, all, at, r[0].length);
        decodes += r[1][0];
        others += r[1][1];
        errors += r[1][2];
      }
      double elapsed = (System.nanoTime() - start) / 1e9;
      clients.shutdown();
      Arrays.sort(all);
      System.out.printf(Locale.ROOT, "serve load: %d clients for %.1f s on %s (%s, d = %d): %d requests (%d decodes), "
              + "%.0f requests/s, %d errors; decode latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms%n", CLIENTS, elapsed,
          base, model, d, decodes + others + errors, decodes, (decodes + others + errors) / elapsed, errors,
          percentile(all, 0.50), percentile(all, 0.90), percentile(all, 0.99));
      assertThat(firstError.get()).isNull();
      assertThat(errors).isZero();
      assertThat(decodes).isPositive();
      assertThat(others).isPositive();
    }
  }

  private static String label(Api api, String model) {
    return api.model(model).vae().conditional() ? ", \"label\": 3" : "";
  }

  private static double percentile(long[] sortedNanos, double q) {
    return sortedNanos.length == 0 ? Double.NaN : sortedNanos[(int) Math.min(sortedNanos.length - 1,
        Math.floor(q * sortedNanos.length))] / 1e6;
  }
}
