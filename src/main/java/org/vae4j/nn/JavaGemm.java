package org.vae4j.nn;

import java.util.Arrays;

/**
 * Fast pure-Java GEMM: packed, cache-blocked, multithreaded, and shaped so that C2 auto-vectorizes it.
 *
 * <p>Every form runs in axpy form, {@code C[i, :] += a(i, p) * op(B)[p, :]}, because that loop vectorizes
 * and a dot product does not. The inner loop reads packed rows of op(B) and updates a tile of C, both
 * scratch arrays indexed by the loop counter plus compile-time constants: the only addressing for which
 * C2 of JDK 17 proves that loads and stores do not overlap, and so vectorizes. A call first packs op(B)
 * (NT transposes B here) into panels of s rows by a block of columns, then multiplies, s rows of C by s
 * rows of op(B) at a time. Both phases are cut into items that the threads take in turn.
 *
 * <p>Every element of C gets the same operations in the same order, whatever the thread count:
 * {@code c = beta * c} (0 if beta is 0), then {@code c = fma(a(i,p), b(p,j), c)} for p = 0 .. k-1, then
 * {@code c = fma(0, 0, c)} up to a multiple of s. An item computes whole rows of C, so results are
 * bitwise identical for any thread count. A C much narrower than tall is computed as
 * C^T = op(B)^T op(A)^T, which keeps the inner loop long and, fma being symmetric, gives the same bits.
 * Calls are serialized.
 */
public final class JavaGemm implements Gemm, AutoCloseable {
  private static final int NB = 800; // max columns per block (784 fits); the row stride of panels and tiles
  private static final int CACHED = 1 << 15; // floats of panels per cache block: a quarter of a core's L2
  private static final int MAX_DEPTH = 256; // panels per cache block, at most
  private static final long SMALL = 1 << 18; // multiply-adds below which the caller works alone
  private static final int NARROW = 64; // a C with fewer columns than this (and more rows) is transposed
  private static final int GATHER = 64; // columns per step of the transposing pack
  private static final int CHUNK = 8; // panels per item of packing: runs of p long enough for the gather
  private static final int ITEMS = 4; // items of multiplying per thread

  private final int s; // kernel size: s rows of C times s rows of op(B) per pass
  private final ThreadTeam team; // null for one thread
  private final ThreadTeam.Task packItem = this::packItem, multiplyItem = this::multiplyItem;
  private final float[][] tiles; // per thread: (s, NB), s rows of C
  private final float[][] aBlocks; // per thread: (MAX_DEPTH, s, s), see kernel2()
  private float[][] panels = new float[0][]; // (blocks * depth) of (s, NB): packed op(B), shared
  private final Call call = new Call();

  /**
   * Uses {@code threads} threads: the caller and threads - 1 persistent daemons. The kernel is 3x3 on JDK
   * 25 and later, whose C2 vectorizes it (30% faster), and 2x2 before: JDK 17's C2 unrolls too little to
   * vectorize bigger loops, which then run scalar, 4x slower.
   */
  public JavaGemm(int threads) {
    this(threads, Runtime.version().feature() >= 25 ? 3 : 2);
  }

  /** As above with a kernel of size 2 or 3; both give the same bits, but for the sign of a zero. */
  JavaGemm(int threads, int kernelSize) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    if (kernelSize != 2 && kernelSize != 3) {
      throw new IllegalArgumentException("kernel size must be 2 or 3, got " + kernelSize);
    }
    s = kernelSize;
    tiles = new float[threads][s * NB];
    aBlocks = new float[threads][MAX_DEPTH * s * s];
    team = threads == 1 ? null : new ThreadTeam(threads, "gemm");
  }

  @Override
  public synchronized void gemm(boolean transA, boolean transB, int m, int n, int k,
                                float[] a, int aOff, float[] b, int bOff, float beta, float[] c, int cOff) {
    // a: (m, k) or (k, m) if transA; b: (k, n) or (n, k) if transB; c: (m, n)
    Call q = call;
    q.set(transA, transB, m, n, k, a, aOff, b, bOff, beta, c, cOff, n < NARROW && m > n);
    q.split(s);
    try {
      if (m == 0 || n == 0) {
        return;
      }
      if (k == 0) {
        q.scaleC();
        return;
      }
      if (panels.length < q.blocks * q.depth) {
        grow(q.blocks * q.depth);
      }
      boolean parallel = team != null && (long) m * n * k >= SMALL;
      ThreadTeam.run(parallel ? team : null, q.blocks * q.chunks, packItem);
      int items = parallel ? ITEMS * team.size() : 1;
      q.rowsPerItem = ((q.m + items - 1) / items + s - 1) / s * s;
      ThreadTeam.run(parallel ? team : null, (q.m + q.rowsPerItem - 1) / q.rowsPerItem, multiplyItem);
    } finally {
      q.clear();
    }
  }

  @Override
  public Gemm singleThreaded() {
    return new JavaGemm(1, s);
  }

  @Override
  public String name() {
    return "java-autovec";
  }

  /** Stops the daemons; later multithreaded calls fail. */
  @Override
  public synchronized void close() {
    if (team != null) {
      team.close();
    }
  }

  /** Packs chunk item % chunks of panels in block item / chunks. */
  private void packItem(int item, int thread) {
    Call q = call;
    int block = item / q.chunks, g = item % q.chunks * CHUNK;
    pack(q, block, g, Math.min(q.depth, g + CHUNK));
  }

  /** Computes rows [item, item + 1) * rowsPerItem of C. */
  private void multiplyItem(int item, int thread) {
    Call q = call;
    int i0 = item * q.rowsPerItem;
    multiply(q, tiles[thread], aBlocks[thread], i0, Math.min(q.m, i0 + q.rowsPerItem));
  }

  /** Panels [g0, g1) of block: panel g holds op(B) rows [s g, s g + s), zero past k. */
  private void pack(Call q, int block, int g0, int g1) {
    int j0 = block * q.width, nb = Math.min(q.width, q.n - j0);
    if (q.bCol == 1) {
      // rows of op(B) are contiguous: copy them
      for (int p = s * g0; p < s * g1; p++) {
        float[] panel = panels[block * q.depth + p / s];
        int at = p % s * NB;
        if (p < q.k) {
          System.arraycopy(q.b, q.bOff + p * q.bRow + j0, panel, at, nb);
        } else {
          Arrays.fill(panel, at, at + nb, 0f);
        }
      }
    } else {
      // transpose, a panel at a time: the s values of a column share a cache line in NT's B
      for (int jj = 0; jj < nb; jj += GATHER) {
        int jEnd = Math.min(nb, jj + GATHER);
        for (int g = g0; g < g1; g++) {
          float[] panel = panels[block * q.depth + g];
          int src = q.bOff + s * g * q.bRow + j0 * q.bCol, b1 = src + q.bRow, b2 = b1 + q.bRow;
          if (s * g + s > q.k) {
            gatherTail(q, panel, s * g, j0, jj, jEnd);
          } else if (s == 2) {
            for (int j = jj; j < jEnd; j++) {
              panel[j] = q.b[src + j * q.bCol];
              panel[NB + j] = q.b[b1 + j * q.bCol];
            }
          } else {
            for (int j = jj; j < jEnd; j++) {
              panel[j] = q.b[src + j * q.bCol];
              panel[NB + j] = q.b[b1 + j * q.bCol];
              panel[2 * NB + j] = q.b[b2 + j * q.bCol];
            }
          }
        }
      }
    }
  }

  /** The last panel, rows p0 .. past k, columns [jj, jEnd) of the block at j0. */
  private void gatherTail(Call q, float[] panel, int p0, int j0, int jj, int jEnd) {
    for (int r = 0; r < s; r++) {
      for (int j = jj; j < jEnd; j++) {
        panel[r * NB + j] = p0 + r < q.k ? q.b[q.bOff + (p0 + r) * q.bRow + (j0 + j) * q.bCol] : 0f;
      }
    }
  }

  /** Rows [i0, i1) of C, all columns, from the packed panels. */
  private void multiply(Call q, float[] tile, float[] ab, int i0, int i1) {
    int perBlock = Math.max(1, Math.min(MAX_DEPTH, CACHED / (s * q.width))); // panels per cache block
    for (int block = 0; block < q.blocks; block++) {
      int j0 = block * q.width, nb = Math.min(q.width, q.n - j0);
      for (int g0 = 0; g0 < q.depth; g0 += perBlock) {
        int g1 = Math.min(q.depth, g0 + perBlock);
        for (int i = i0; i < i1; i += s) {
          int rows = Math.min(s, i1 - i);
          loadTile(q, tile, i, rows, j0, nb, g0 == 0);
          packA(q, ab, i, rows, g0, g1);
          if (s == 3) {
            kernel3(panels, block * q.depth + g0, g1 - g0, ab, tile, nb);
          } else {
            kernel2(panels, block * q.depth + g0, g1 - g0, ab, tile, nb);
          }
          storeTile(q, tile, i, rows, j0, nb);
        }
      }
    }
  }

  /**
   * tile (2, NB) += a (2, 2 count) times `count` panels from panels[first], each (2, NB) rows of op(B);
   * ab[4 g + 2 r + t] = a(r, 2 g + t).
   */
  private static void kernel2(float[][] panels, int first, int count, float[] ab, float[] tile, int nb) {
    for (int g = 0; g < count; g++) {
      float[] panel = panels[first + g];
      int o = 4 * g;
      float a00 = ab[o], a01 = ab[o + 1], a10 = ab[o + 2], a11 = ab[o + 3];
      for (int j = 0; j < nb; j++) {
        float b0 = panel[j], b1 = panel[NB + j];
        tile[j] = Math.fma(a01, b1, Math.fma(a00, b0, tile[j]));
        tile[NB + j] = Math.fma(a11, b1, Math.fma(a10, b0, tile[NB + j]));
      }
    }
  }

  /** kernel2 for a (3, NB) tile and (3, NB) panels; ab[9 g + 3 r + t] = a(r, 3 g + t). */
  private static void kernel3(float[][] panels, int first, int count, float[] ab, float[] tile, int nb) {
    for (int g = 0; g < count; g++) {
      float[] panel = panels[first + g];
      int o = 9 * g;
      float a00 = ab[o], a01 = ab[o + 1], a02 = ab[o + 2];
      float a10 = ab[o + 3], a11 = ab[o + 4], a12 = ab[o + 5];
      float a20 = ab[o + 6], a21 = ab[o + 7], a22 = ab[o + 8];
      for (int j = 0; j < nb; j++) {
        float b0 = panel[j], b1 = panel[NB + j], b2 = panel[2 * NB + j];
        tile[j] = Math.fma(a02, b2, Math.fma(a01, b1, Math.fma(a00, b0, tile[j])));
        tile[NB + j] = Math.fma(a12, b2, Math.fma(a11, b1, Math.fma(a10, b0, tile[NB + j])));
        tile[2 * NB + j] = Math.fma(a22, b2, Math.fma(a21, b1, Math.fma(a20, b0, tile[2 * NB + j])));
      }
    }
  }

  /** ab as the kernels read it, for rows [i, i+rows) and panels [g0, g1); zero past k and for missing rows. */
  private void packA(Call q, float[] ab, int i, int rows, int g0, int g1) {
    int at = 0;
    for (int g = g0; g < g1; g++) {
      for (int r = 0; r < s; r++) {
        for (int p = s * g; p < s * g + s; p++) {
          ab[at++] = r < rows && p < q.k ? q.a[q.aOff + (i + r) * q.aRow + p * q.aCol] : 0f;
        }
      }
    }
  }

  /** tile = C rows [i, i+rows), columns [j0, j0+nb), times beta if first; missing rows are zero. */
  private void loadTile(Call q, float[] tile, int i, int rows, int j0, int nb, boolean first) {
    for (int r = 0; r < s; r++) {
      int at = r * NB, src = q.cOff + (i + r) * q.cRow + j0 * q.cCol;
      if (r >= rows || first && q.beta == 0f) {
        Arrays.fill(tile, at, at + nb, 0f); // beta 0 ignores C, even NaN
      } else if (q.cCol == 1 && (!first || q.beta == 1f)) {
        System.arraycopy(q.c, src, tile, at, nb);
      } else {
        float scale = first ? q.beta : 1f;
        for (int j = 0; j < nb; j++) {
          tile[at + j] = scale * q.c[src + j * q.cCol];
        }
      }
    }
  }

  private static void storeTile(Call q, float[] tile, int i, int rows, int j0, int nb) {
    for (int r = 0; r < rows; r++) {
      int at = r * NB, dst = q.cOff + (i + r) * q.cRow + j0 * q.cCol;
      if (q.cCol == 1) {
        System.arraycopy(tile, at, q.c, dst, nb);
      } else {
        for (int j = 0; j < nb; j++) {
          q.c[dst + j * q.cCol] = tile[at + j];
        }
      }
    }
  }

  private void grow(int count) {
    int old = panels.length;
    panels = Arrays.copyOf(panels, count);
    for (int i = old; i < count; i++) {
      panels[i] = new float[s * NB];
    }
  }

  /** The current call, with its blocks and items; shared by the threads. */
  private static final class Call extends StridedProduct {
    int depth, blocks, width; // panels per block; blocks of at most width <= NB columns
    int chunks; // chunks of CHUNK panels per block, the items of packing
    int rowsPerItem; // rows of C per item of multiplying

    /** Blocks and items for this call with kernels of s rows. */
    void split(int s) {
      depth = (k + s - 1) / s;
      chunks = (depth + CHUNK - 1) / CHUNK;
      blocks = (n + NB - 1) / NB;
      width = blocks == 0 ? 0 : Math.min(NB, ((n + blocks - 1) / blocks + 7) & ~7); // balanced blocks
    }
  }
}
