package org.vae4j.nn;

import java.io.PrintStream;
import java.util.Locale;
import org.vae4j.UsageError;
import org.vae4j.UserError;

/** Chooses the GEMM engine: native OpenBLAS where it loads, else the pure-Java one; or as forced. */
public final class GemmEngines {
  public static final String AUTO = "auto";
  public static final String NATIVE = "native";
  public static final String JAVA = "java";

  private GemmEngines() {}

  /**
   * engine: "auto" (native if it loads, else java, saying so on log), "native" (fails if it cannot load)
   * or "java". The native engine splits its work over parallel's threads; the Java one has its own.
   */
  public static Gemm create(String engine, Parallel parallel, PrintStream log) {
    switch (engine.toLowerCase(Locale.ROOT)) {
      case JAVA:
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
          return new JavaGemm(parallel.threads());
        }
      default:
        throw new UsageError("--engine must be auto, native or java, got '" + engine + "'");
    }
  }
}
