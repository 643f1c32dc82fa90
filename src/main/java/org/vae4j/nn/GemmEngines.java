package org.vae4j.nn;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.vae4j.InvalidSetting;
import org.vae4j.UserError;

/**
 * Chooses the GEMM engine: the fastest on this machine at the model's calls, measured once and cached
 * ({@link EngineChooser}); or as forced. The pure-Java engines give the same bits (but for the sign of a
 * zero), so which one runs changes only the speed.
 */
public final class GemmEngines {
  public static final String AUTO = "auto";
  public static final String NATIVE = "native";
  public static final String JAVA = "java";
  public static final String JAVA_VECTOR = "java-vector";
  public static final String JAVA_AUTOVEC = "java-autovec";
  private static final String VECTOR_MODULE = "jdk.incubator.vector";
  // the classes whose code decides an engine's speed, read as resources (VectorGemm cannot load without its module)
  private static final List<String> ENGINE_CLASSES = List.of("VectorGemm", "VectorGemm$Call", "JavaGemm",
      "NativeGemm", "StridedProduct", "ThreadTeam");
  private static final long TIMING_NANOS = 2_000_000_000L; // at most; about 0.5 s on a quiet machine
  // A second timing when the first did not settle: on a busy machine java-vector's kernels may not be
  // compiled within the first (seen: 35 GFLOP/s against native's 94, when compiled it is the faster).
  private static final long RETIMING_NANOS = 8_000_000_000L;
  private static final Map<String, Map<String, Double>> AUTO_CHOICES = new ConcurrentHashMap<>(); // this process's

  private GemmEngines() {}

  /** Refuses an engine name create would not take, before anything is loaded for it. */
  public static String requireKnown(String engine) {
    if (!List.of(AUTO, NATIVE, JAVA, JAVA_VECTOR, JAVA_AUTOVEC).contains(engine.toLowerCase(Locale.ROOT))) {
      throw new InvalidSetting("engine", "must be auto, native, java, " + JAVA_VECTOR + " or " + JAVA_AUTOVEC
          + ", got '" + engine + "'");
    }
    return engine;
  }

  /** As below, auto measuring the lab reports' model: 784-512-20, batch 128 ({@link GemmShape#LAB_VAE_STEP}). */
  public static Gemm create(String engine, Parallel parallel, PrintStream log) {
    return create(engine, parallel, log, GemmShape.LAB_VAE_STEP);
  }

  /**
   * engine: "auto" (the engine fastest at calls, a model's GEMM calls of one step, on this machine:
   * measured the first time, a fraction of a second, then read from the user cache; one line on log says
   * which and why), "native" (fails if it cannot load), "java" (java-vector where the JVM has the Vector API
   * and its optimizing compiler, else java-autovec, saying so on log), "java-vector" (where the JVM has the
   * Vector API, else java-autovec, saying so: a run resumed without the module gets the same bits) or
   * "java-autovec". The native engine and java-vector work on parallel's threads; java-autovec has its own.
   */
  public static Gemm create(String engine, Parallel parallel, PrintStream log, List<GemmShape> calls) {
    switch (requireKnown(engine).toLowerCase(Locale.ROOT)) {
      case JAVA:
        return java(parallel, false, log);
      case JAVA_VECTOR:
        return java(parallel, true, log);
      case JAVA_AUTOVEC:
        return new JavaGemm(parallel.threads());
      case NATIVE:
        try {
          return NativeGemm.load(parallel);
        } catch (LinkageError | RuntimeException e) {
          throw new UserError("the native engine: OpenBLAS cannot be loaded on this platform: " + e.getMessage(), e);
        }
      case AUTO:
        return auto(parallel, log, calls);
      default:
        throw new IllegalStateException("requireKnown let '" + engine + "' through");
    }
  }

  /**
   * The candidates are native and the pure-Java engine that "java" gives: java-autovec, where java-vector
   * runs, computes the same bits 2 to 4 times slower (measured on AVX2 and AVX-512 machines, Java 17 and
   * 25), and timing it too would cost another quarter second.
   */
  private static Gemm auto(Parallel parallel, PrintStream log, List<GemmShape> calls) {
    String java = vectorProblem(false) == null ? JAVA_VECTOR : JAVA_AUTOVEC;
    List<EngineChooser.Candidate> candidates = List.of(
        new EngineChooser.Candidate(NATIVE, () -> NativeGemm.load(parallel)),
        new EngineChooser.Candidate(java, () -> java.equals(JAVA_VECTOR)
            ? new VectorGemm(parallel) : new JavaGemm(parallel.threads())));
    EngineChooser.Timer timer = (engines, shapes) -> {
      GemmTiming.Rates rates = new GemmTiming(shapes, TIMING_NANOS, parallel.threads()).measure(engines);
      return rates.settled() ? rates : new GemmTiming(shapes, RETIMING_NANOS, parallel.threads()).measure(engines);
    };
    return new EngineChooser(cacheDir(System.getenv()), AUTO_CHOICES, machine(parallel.threads(), System.getenv()),
        timer, log).choose(candidates, calls);
  }

  /** $XDG_CACHE_HOME/vae4j (if absolute, as the XDG spec says), else $HOME/.cache/vae4j, else null. */
  static Path cacheDir(Map<String, String> env) {
    String xdg = env.get("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, "vae4j");
    }
    String home = env.get("HOME");
    return home == null || home.isEmpty() ? null : Path.of(home, ".cache", "vae4j");
  }

  /**
   * What the fastest engine depends on, the calls aside: the CPU, the JVM and its -XX options, OpenBLAS's
   * settings, vae4j, threads.
   */
  static Map<String, String> machine(int threads, Map<String, String> env) {
    CpuInfo cpu = CpuInfo.read();
    Map<String, String> m = new LinkedHashMap<>();
    m.put("cpu", cpu.model());
    m.put("cpu.flags", cpu.vectorFlags());
    m.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    m.put("threads", Integer.toString(threads));
    m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version") + " ("
        + System.getProperty("java.vm.info", "") + ")");
    m.put("vector", vectorProblem(false) == null ? VectorGemm.vectorBits() + "-bit" : "off");
    // the JVM's -XX options change how fast the compiled kernels run (safepoint polls, see ./vae4j)
    m.put("jvm.options", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("-XX:")).sorted().toList().toString());
    Map<String, String> openblas = new TreeMap<>();
    env.forEach((k, v) -> {
      if (k.startsWith("OPENBLAS_")) {
        openblas.put(k, v);
      }
    });
    m.put("openblas.env", openblas.isEmpty() ? "none" : openblas.toString());
    String version = GemmEngines.class.getPackage().getImplementationVersion();
    m.put("vae4j", version == null ? "dev" : version);
    m.put("engines.code", engineCode());
    return m;
  }

  /**
   * A fingerprint of the engines' compiled classes: a snapshot's version stays the same while its kernels
   * change, and a choice measured against an older java-vector had been kept (native, 8% slower).
   */
  static String engineCode() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String name : ENGINE_CLASSES) {
        try (InputStream in = GemmEngines.class.getResourceAsStream(name + ".class")) {
          if (in != null) {
            sha.update(in.readAllBytes());
          }
        }
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 8);
    } catch (IOException | NoSuchAlgorithmException e) {
      return "unknown"; // then measured as if by a version of its own
    }
  }

  /** Whether the JVM was started with --add-modules jdk.incubator.vector, without which VectorGemm cannot load. */
  public static boolean vectorApi() {
    return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
  }

  /**
   * Why java-vector should not run here, as a log line, or null if it should: without the module it cannot
   * load; without C2 (-Xint, -XX:TieredStopAtLevel=1) every vector operation allocates, some 50x slower,
   * which matters unless it was named.
   */
  private static String vectorProblem(boolean forced) {
    if (!vectorApi()) {
      return "vae4j: the Vector API is off (JVM option --add-modules " + VECTOR_MODULE
          + "); using the slower pure-Java engine " + JAVA_AUTOVEC;
    } else if (!forced && withoutC2()) {
      return "vae4j: the JVM runs without its optimizing compiler (java.vm.info: " + System.getProperty("java.vm.info")
          + "), which the Vector API needs; using the pure-Java engine " + JAVA_AUTOVEC;
    }
    return null;
  }

  /** Whether the JVM runs without its optimizing compiler C2 (-Xint, -XX:TieredStopAtLevel=1), which the Vector API needs. */
  public static boolean withoutC2() {
    String info = System.getProperty("java.vm.info", "");
    return info.contains("interpreted mode") || info.contains("emulated-client");
  }

  // VectorGemm is referenced only behind the check, so that without the module it is never loaded.
  private static Gemm java(Parallel parallel, boolean forced, PrintStream log) {
    String problem = vectorProblem(forced);
    if (problem == null) {
      return new VectorGemm(parallel);
    }
    log.println(problem);
    return new JavaGemm(parallel.threads());
  }
}
