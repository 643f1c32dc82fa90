package org.vae4j.nn;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import org.vae4j.AtomicFile;
import org.vae4j.UserError;

/**
 * {@code --engine auto}: times each candidate engine on a model's GEMM calls and keeps the fastest, and
 * remembers the choice in a cache folder, one file per machine: its name is a hash of everything the
 * choice depends on (the CPU and its flags, the JVM, OPENBLAS_* variables, vae4j's version, the threads
 * and the calls), which the file also holds and which must match. A file that cannot be read or does not
 * match is ignored with one line on the log; a chosen engine that no longer loads is measured again. Choices
 * are also remembered in memory, so that one process keeps its choice even when it could not cache it.
 */
final class EngineChooser {
  /** Times engines on calls: GFLOP/s of each, in order, and whether the numbers settled (else not cached). */
  @FunctionalInterface
  interface Timer {
    GemmTiming.Rates time(List<Gemm> engines, List<GemmShape> calls);
  }

  /** An engine that may be chosen; create throws (LinkageError, RuntimeException) where it cannot load. */
  record Candidate(String name, Supplier<Gemm> create) {}

  private static final String CHOICE = "choice", RATE = "gflops.", KEY = "key.";

  private final Path cacheDir; // null: nowhere to cache
  private final Map<String, Map<String, Double>> remembered; // key hash -> rates, the choices of this process
  private final Map<String, String> machine; // what the choice depends on, the calls aside
  private final Timer timer;
  private final PrintStream log;

  EngineChooser(Path cacheDir, Map<String, Map<String, Double>> remembered, Map<String, String> machine, Timer timer,
                PrintStream log) {
    this.cacheDir = cacheDir;
    this.remembered = remembered;
    this.machine = Map.copyOf(machine);
    this.timer = timer;
    this.log = log;
  }

  /** The fastest candidate at calls on this machine, from the cache or measured (and then cached). */
  Gemm choose(List<Candidate> candidates, List<GemmShape> calls) {
    Map<String, String> key = key(calls);
    String hash = hash(key);
    Path file = cacheDir == null ? null : cacheDir.resolve("engine-" + hash.substring(0, 16) + ".properties");
    Map<String, Double> earlier = remembered.get(hash);
    Map<String, Double> cached = earlier != null || file == null ? earlier : read(file, key, candidates);
    if (cached != null) {
      String name = best(cached);
      try {
        Gemm gemm = candidate(candidates, name).create().get();
        log.println("vae4j: engine auto -> " + name + " (" + against(name, cached) + " on this machine's shapes, as"
            + (earlier != null ? " measured earlier in this process)" : " measured before; cached in " + file + ")"));
        remembered.put(hash, cached);
        return gemm;
      } catch (LinkageError | RuntimeException e) {
        // measured again below, among the engines that load now
      }
    }
    List<Gemm> engines = new ArrayList<>();
    List<String> unavailable = new ArrayList<>();
    for (Candidate c : candidates) {
      try {
        engines.add(c.create().get());
      } catch (LinkageError | RuntimeException e) {
        unavailable.add(c.name() + " unavailable: " + e.getMessage());
      }
    }
    if (engines.isEmpty()) {
      throw new UserError("no engine loads (" + String.join("; ", unavailable) + ")");
    }
    GemmTiming.Rates timed = timer.time(engines, calls);
    double[] gflops = timed.gflops();
    Map<String, Double> rates = new LinkedHashMap<>();
    for (int e = 0; e < engines.size(); e++) {
      rates.put(engines.get(e).name(), gflops[e]);
    }
    String name = best(rates);
    remembered.put(hash, rates);
    Gemm chosen = null;
    for (Gemm g : engines) {
      if (g.name().equals(name)) {
        chosen = g;
      } else if (g instanceof AutoCloseable) {
        close((AutoCloseable) g); // JavaGemm's own threads
      }
    }
    List<String> notes = new ArrayList<>(unavailable);
    // on a machine too busy for the timing to settle, java-vector may not even have been compiled yet
    notes.add(timed.settled() ? write(file, key, name, rates)
        : "not cached: the machine was too busy for the timing to settle");
    log.println("vae4j: engine auto -> " + name + " (" + against(name, rates) + " on this machine's shapes; "
        + String.join("; ", notes) + ")");
    return chosen;
  }

  /** The machine's key with the calls, in a fixed order. */
  private Map<String, String> key(List<GemmShape> calls) {
    Map<String, String> key = new LinkedHashMap<>();
    machine.keySet().stream().sorted().forEach(k -> key.put(k, machine.get(k)));
    key.put("calls", calls.toString());
    return key;
  }

  /** The rates of a valid cache file for key among candidates; null if absent, or corrupt (said on log). */
  private Map<String, Double> read(Path file, Map<String, String> key, List<Candidate> candidates) {
    if (!Files.exists(file)) {
      return null;
    }
    String problem;
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Properties p = new Properties();
      p.load(in);
      problem = problem(p, key, candidates);
      if (problem == null) {
        Map<String, Double> rates = new LinkedHashMap<>();
        for (Candidate c : candidates) {
          String rate = p.getProperty(RATE + c.name());
          if (rate != null) {
            rates.put(c.name(), Double.parseDouble(rate));
          }
        }
        return rates;
      }
    } catch (IOException | IllegalArgumentException e) { // malformed \\uXXXX, a bad number, undecodable bytes
      problem = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
    log.println("vae4j: ignoring the engine cache " + file + " (" + problem + "); measuring again");
    return null;
  }

  /** What is wrong with a cache file's content, or null. */
  private static String problem(Properties p, Map<String, String> key, List<Candidate> candidates) {
    for (Map.Entry<String, String> e : key.entrySet()) {
      if (!e.getValue().equals(p.getProperty(KEY + e.getKey()))) {
        return "its " + e.getKey() + " is not this machine's";
      }
    }
    String choice = p.getProperty(CHOICE);
    if (choice == null || candidates.stream().noneMatch(c -> c.name().equals(choice))) {
      return "no known engine chosen";
    }
    String rate = p.getProperty(RATE + choice);
    if (rate == null || !(Double.parseDouble(rate) > 0) || Double.isInfinite(Double.parseDouble(rate))) {
      return "no rate for " + choice;
    }
    return null;
  }

  /** Writes the choice atomically; says where, or why not. */
  private String write(Path file, Map<String, String> key, String choice, Map<String, Double> rates) {
    if (file == null) {
      return "not cached: neither XDG_CACHE_HOME nor HOME is set";
    }
    StringBuilder text = new StringBuilder("# vae4j --engine auto: the engine measured fastest on this machine;"
        + " delete this file to measure again\n");
    key.forEach((k, v) -> text.append(KEY).append(k).append('=').append(escape(v)).append('\n'));
    rates.forEach((engine, rate) -> text.append(RATE).append(engine).append('=')
        .append(String.format(Locale.ROOT, "%.1f", rate)).append('\n'));
    text.append(CHOICE).append('=').append(choice).append('\n');
    try {
      AtomicFile.writeString(file, text.toString());
      return "cached in " + file;
    } catch (UserError e) {
      return "not cached: " + e.getMessage();
    }
  }

  /** v as the value of a properties file, which reads backslashes as escapes and ends a value at a newline. */
  private static String escape(String v) {
    return v.replace("\\", "\\\\").replace("\n", "\\n");
  }

  /** "358 GFLOP/s against native 206" (all the others, in order). */
  private static String against(String name, Map<String, Double> rates) {
    List<String> others = new ArrayList<>();
    rates.forEach((engine, rate) -> {
      if (!engine.equals(name)) {
        others.add(String.format(Locale.ROOT, "%s %.0f", engine, rate));
      }
    });
    String own = String.format(Locale.ROOT, "%.0f GFLOP/s", rates.get(name));
    return others.isEmpty() ? own + ", the only engine that loads" : own + " against " + String.join(", ", others);
  }

  private static String best(Map<String, Double> rates) {
    String best = null;
    for (Map.Entry<String, Double> e : rates.entrySet()) {
      if (best == null || e.getValue() > rates.get(best)) {
        best = e.getKey();
      }
    }
    return best;
  }

  private static Candidate candidate(List<Candidate> candidates, String name) {
    return candidates.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  private static void close(AutoCloseable engine) {
    try {
      engine.close();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** SHA-256 of the key's lines, in hex. */
  private static String hash(Map<String, String> key) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      key.forEach((k, v) -> sha.update((k + "=" + v + "\n").getBytes(StandardCharsets.UTF_8)));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e); // every JDK has SHA-256
    }
  }
}
