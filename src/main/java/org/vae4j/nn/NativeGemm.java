package org.vae4j.nn;

import dev.ludovic.netlib.blas.NativeBLAS;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * OpenBLAS sgemm, all from Maven Central: bytedeco's OpenBLAS build provides the library, and netlib's
 * JNI binding calls it on the Java arrays themselves (pinned with GetPrimitiveArrayCritical, not copied).
 *
 * <p>OpenBLAS runs single-threaded; this class splits each product by rows of C over vae4j's own threads.
 * OpenBLAS's threads would spin between calls and starve the element-wise work that runs on those
 * same cores between products; a fixed split also keeps results identical from run to run.
 *
 * <p>netlib's public sgemm checks {@code offset + columns * ld <= length}, stricter than BLAS, and so
 * refuses valid blocks of rows of a transposed operand. This class checks the exact BLAS extents itself
 * and calls netlib's kernel behind that check, sgemmK.
 */
public final class NativeGemm implements Gemm {
  private static final String LIBRARY_PATH_PROPERTY = "dev.ludovic.netlib.blas.nativeLibPath";
  private static final int MIN_ROWS_PER_THREAD = 16; // below this, splitting costs more than it saves
  /** OpenBLAS's x86-64 kernel tables (gotoblas_NAME) and the names openblas_get_corename gives them. */
  private static final String[][] CORES = {{"PRESCOTT", "Prescott"}, {"CORE2", "Core2"}, {"NEHALEM", "Nehalem"},
      {"BARCELONA", "Barcelona"}, {"SANDYBRIDGE", "Sandybridge"}, {"BULLDOZER", "Bulldozer"},
      {"PILEDRIVER", "Piledriver"}, {"STEAMROLLER", "Steamroller"}, {"EXCAVATOR", "Excavator"},
      {"HASWELL", "Haswell"}, {"ZEN", "Zen"}, {"SKYLAKEX", "SkylakeX"}, {"COOPERLAKE", "Cooperlake"},
      {"SAPPHIRERAPIDS", "SapphireRapids"}};
  private final Object blas;
  private final MethodHandle sgemm; // (blas, transa, transb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc)
  private final Parallel parallel;

  private NativeGemm(Object blas, MethodHandle sgemm, Parallel parallel) {
    this.blas = blas;
    this.sgemm = sgemm;
    this.parallel = parallel;
  }

  /** Loads OpenBLAS; throws (UnsatisfiedLinkError, RuntimeException) where no build exists for this platform. */
  public static NativeGemm load(Parallel parallel) {
    Loader.load(openblas_nolapack.class);
    openblas_nolapack.blas_set_num_threads(1);
    String library = Loader.getLoadedLibraries().get("openblas_nolapack@.0");
    if (library == null) {
      throw new UnsatisfiedLinkError("OpenBLAS loaded, but its file was not found among "
          + Loader.getLoadedLibraries().keySet());
    }
    System.setProperty(LIBRARY_PATH_PROPERTY, library);
    // netlib logs a warning for each implementation it skips; we pick the native one on purpose.
    Logger.getLogger("dev.ludovic.netlib").setLevel(Level.SEVERE);
    NativeBLAS blas = NativeBLAS.getInstance();
    try {
      Method kernel = blas.getClass().getDeclaredMethod("sgemmK", String.class, String.class, int.class,
          int.class, int.class, float.class, float[].class, int.class, int.class, float[].class, int.class,
          int.class, float.class, float[].class, int.class, int.class);
      kernel.setAccessible(true);
      MethodHandle handle = MethodHandles.lookup().unreflect(kernel);
      return new NativeGemm(blas, handle.asType(handle.type().changeParameterType(0, Object.class)), parallel);
    } catch (ReflectiveOperationException e) {
      throw new UnsatisfiedLinkError("netlib's sgemm kernel not found: " + e);
    }
  }

  /**
   * The kernel OpenBLAS chose at load (from the CPU, or OPENBLAS_CORETYPE), as openblas_get_corename()
   * names it, e.g. "Haswell", "SkylakeX"; "unknown" if it cannot tell. bytedeco's preset leaves that
   * function out, so this compares the library's kernel table pointer, gotoblas, with the tables it
   * exports, reading one pointer and calling nothing. Loads OpenBLAS if needed.
   */
  public static String coreName() {
    Loader.load(openblas_nolapack.class);
    Pointer gotoblas = Loader.addressof("gotoblas");
    if (gotoblas == null || gotoblas.isNull()) {
      return "unknown"; // a build without DYNAMIC_ARCH
    }
    long table = new PointerPointer<Pointer>(gotoblas).get(0).address();
    for (String[] core : CORES) {
      Pointer candidate = Loader.addressof("gotoblas_" + core[0]);
      if (candidate != null && candidate.address() == table) {
        return core[1];
      }
    }
    return "unknown";
  }

  @Override
  public void gemm(boolean transA, boolean transB, int m, int n, int k,
                   float[] a, int aOff, float[] b, int bOff, float beta, float[] c, int cOff) {
    // a: (m, k) or (k, m) if transA; b: (k, n) or (n, k) if transB; c: (m, n), all row-major
    checkExtent("a", a, aOff, m * k);
    checkExtent("b", b, bOff, k * n);
    checkExtent("c", c, cOff, m * n);
    parallel.forRange(m, 2 * MIN_ROWS_PER_THREAD,
        (from, to) -> rows(transA, transB, from, to, m, n, k, a, aOff, b, bOff, beta, c, cOff));
  }

  // rows [from, to) of c: (m, n) = op(a) op(b)
  private void rows(boolean transA, boolean transB, int from, int to, int m, int n, int k,
                    float[] a, int aOff, float[] b, int bOff, float beta, float[] c, int cOff) {
    // BLAS is column-major, where a row-major C is C^T: so compute C^T = op(B)^T op(A)^T.
    int aStart = aOff + (transA ? from : from * k);
    String opB = transB ? "T" : "N"; // locals: invokeExact needs their static type to be String
    String opA = transA ? "T" : "N";
    try {
      sgemm.invokeExact(blas, opB, opA, n, to - from, k, 1f,
          b, bOff, transB ? k : n, a, aStart, transA ? m : k, beta, c, cOff + from * n, n);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  /** Native code must never reach past an array: a packed matrix of size values fits from offset. */
  private static void checkExtent(String name, float[] array, int offset, int size) {
    if (offset < 0 || (long) offset + size > array.length) {
      throw new IndexOutOfBoundsException(name + ": " + size + " values from " + offset
          + " exceed its length " + array.length);
    }
  }

  /** The same library, called on the calling thread alone: the extent checks and the split are per instance. */
  @Override
  public Gemm singleThreaded() {
    return new NativeGemm(blas, sgemm, new Parallel(1));
  }

  @Override
  public String name() {
    return "native";
  }
}
