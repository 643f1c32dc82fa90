package org.vae4j.nn;

import java.io.PrintStream;
import java.util.Locale;
import org.vae4j.UsageError;
import org.vae4j.UserError;

/**
 * Chooses the GEMM engine: native OpenBLAS where it loads, else the fastest pure-Java one; or as forced.
 * The pure-Java engines give the same bits (but for the sign of a zero), so which one runs changes only
 * the speed.
 */
public final class GemmEngines {
  public static final String AUTO = "auto";
  public static final String NATIVE = "native";
  public static final String JAVA = "java";
  public static final String JAVA_VECTOR = "java-vector";
  public static final String JAVA_AUTOVEC = "java-autovec";
  private static final String VECTOR_MODULE = "jdk.incubator.vector";

  private GemmEngines() {}

  /**
   * engine: "auto" (native if it loads, else java, saying so on log), "native" (fails if it cannot load),
   * "java" (java-vector where the JVM has the Vector API and its optimizing compiler, else java-autovec,
   * saying so on log), "java-vector" (where the JVM has the Vector API, else java-autovec, saying so: a run
   * resumed without the module gets the same bits) or "java-autovec". The native engine and java-vector
   * work on parallel's threads; java-autovec has its own.
   */
  public static Gemm create(String engine, Parallel parallel, PrintStream log) {
    switch (engine.toLowerCase(Locale.ROOT)) {
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
          throw new UserError("--engine native: OpenBLAS cannot be loaded on this platform: " + e.getMessage(), e);
        }
      case AUTO:
        try {
          return NativeGemm.load(parallel);
        } catch (LinkageError | RuntimeException e) {
          log.println("vae4j: native OpenBLAS unavailable (" + e.getMessage() + "); using the pure-Java engine");
          return java(parallel, false, log);
        }
      default:
        throw new UsageError("--engine must be auto, native, java, " + JAVA_VECTOR + " or " + JAVA_AUTOVEC
            + ", got '" + engine + "'");
    }
  }

  /** Whether the JVM was started with --add-modules jdk.incubator.vector, without which VectorGemm cannot load. */
  public static boolean vectorApi() {
    return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
  }

  /** Whether the JVM runs without its optimizing compiler C2 (-Xint, -XX:TieredStopAtLevel=1), which the Vector API needs. */
  public static boolean withoutC2() {
    String info = System.getProperty("java.vm.info", "");
    return info.contains("interpreted mode") || info.contains("emulated-client");
  }

  // VectorGemm is referenced only behind the check, so that without the module it is never loaded.
  private static Gemm java(Parallel parallel, boolean forced, PrintStream log) {
    String info = System.getProperty("java.vm.info", "");
    if (!vectorApi()) {
      log.println("vae4j: the Vector API is off (JVM option --add-modules " + VECTOR_MODULE
          + "); using the slower pure-Java engine " + JAVA_AUTOVEC);
    } else if (!forced && withoutC2()) {
      // -Xint or -XX:TieredStopAtLevel=1: without C2, every vector operation allocates, some 50x slower
      log.println("vae4j: the JVM runs without its optimizing compiler (java.vm.info: " + info
          + "), which the Vector API needs; using the pure-Java engine " + JAVA_AUTOVEC);
    } else {
      return new VectorGemm(parallel);
    }
    return new JavaGemm(parallel.threads());
  }
}
