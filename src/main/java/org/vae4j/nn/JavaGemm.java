package org.vae4j.nn;

import java.util.Arrays;

/**
 * Fast pure-Java GEMM: packed, cache-blocked, multithreaded, and shaped so that C2 auto-vectorizes it.
 *
 * <p>Every form runs in axpy form, {@code C[i, :] += a(i, p) * op(B)[p, :]}, because that loop vectorizes
 * and a dot product does not. The inner loop reads packed rows of op(B) and updates a tile of C, both
 * scratch arrays indexed by the loop counter plus compile-time constants: the only addressing for which
 * C2 of JDK 17 proves that loads and stores do not overlap, and so vectorizes. A call first packs op(B)
 * (NT transposes B here) into one array per pair of its rows and block of columns, then multiplies; both
 * phases are split between the threads.
 *
 * <p>Every element of C gets the same operations in the same order, whatever the thread count:
 * {@code c = beta * c} (0 if beta is 0), then {@code c = fma(a(i,p), b(p,j), c)} for p = 0 .. k-1, then
 * {@code fma(0, 0, c)} if k is odd. Threads split the rows of C, so results are bitwise identical for any
 * thread count. A C much narrower than tall is computed as C^T = op(B)^T op(A)^T, which keeps the inner
 * loop long and, fma being symmetric, gives the very same bits. Calls are serialized.
 */
public final class JavaGemm implements Gemm, AutoCloseable {
  private static final int NB = 1024; // max columns per block: the constant row stride of panels and tiles
  private static final int KC = 64; // rows of op(B) per cache block (even)
  private static final long SMALL = 1 << 18; // multiply-adds below which the caller works alone
  private static final int NARROW = 64; // a C with fewer columns than this (and more rows) is transposed

  private final PartPool pool; // null for one thread
  private final float[][] tiles; // per part: (2, NB), two rows of C
  private final float[][] aPairs; // per part: (KC/2, 2, 2), see kernel()
  private float[][] panels = new float[0][]; // (blocks * pairs) of (2, NB): packed op(B), shared by parts
  private final Call call = new Call();

  /** Uses {@code threads} threads: the caller and threads - 1 persistent daemon workers. */
  public JavaGemm(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    tiles = new float[threads][2 * NB];
    aPairs = new float[threads][2 * KC];
    pool = threads == 1 ? null : new PartPool(threads, this::runPart, "gemm");
  }

  @Override
  public synchronized void gemm(boolean transA, boolean transB, int m, int n, int k,
                                float[] a, int aOff, float[] b, int bOff, float beta, float[] c, int cOff) {
    // a: (m, k) or (k, m) if transA; b: (k, n) or (n, k) if transB; c: (m, n)
    int aRow = transA ? 1 : k, aCol = transA ? m : 1; // op(A)(i, p) = a[aOff + i * aRow + p * aCol]
    int bRow = transB ? 1 : n, bCol = transB ? k : 1; // op(B)(p, j) = b[bOff + p * bRow + j * bCol]
    Call q = call;
    if (n < NARROW && m > n) {
      q.set(n, m, k, b, bOff, bCol, bRow, a, aOff, aCol, aRow, c, cOff, 1, n, beta);
    } else {
      q.set(m, n, k, a, aOff, aRow, aCol, b, bOff, bRow, bCol, c, cOff, n, 1, beta);
    }
    try {
      if (k == 0) {
        scale(q);
        return;
      }
      if (panels.length < q.blocks * q.pairs) {
        grow(q.blocks * q.pairs);
      }
      q.parts = pool != null && (long) m * n * k >= SMALL ? pool.parts() : 1;
      q.packing = true;
      runParts(q.parts);
      q.packing = false;
      runParts(q.parts);
    } finally {
      q.set(0, 0, 0, null, 0, 0, 0, null, 0, 0, 0, null, 0, 0, 0, 0f); // don't pin the caller's arrays
    }
  }

  @Override
  public String name() {
    return "java";
  }

  /** Stops the worker threads; later multithreaded calls fail. */
  @Override
  public void close() {
    if (pool != null) {
      pool.close();
    }
  }

  private void runParts(int parts) {
    if (parts == 1) {
      runPart(0);
    } else {
      pool.run();
    }
  }

  private void runPart(int part) {
    Call q = call;
    if (q.packing) {
      // items are (block, 8 pairs): long enough runs of p for the transposing gather
      int chunks = (q.pairs + 7) / 8;
      int items = q.blocks * chunks;
      for (int item = items * part / q.parts; item < items * (part + 1) / q.parts; item++) {
        int block = item / chunks, pair = item % chunks * 8;
        pack(q, block, pair, Math.min(q.pairs, pair + 8));
      }
    } else {
      int lo = q.m * part / q.parts & ~1, hi = part == q.parts - 1 ? q.m : q.m * (part + 1) / q.parts & ~1;
      multiply(q, tiles[part], aPairs[part], lo, hi);
    }
  }

  /** panels of block, pairs [pair0, pair1) = op(B) rows [2 pair0, 2 pair1), zero past k. */
  private void pack(Call q, int block, int pair0, int pair1) {
    int j0 = block * q.width, nb = Math.min(q.width, q.n - j0);
    int first = block * q.pairs;
    if (q.bCol == 1) {
      // rows of op(B) are contiguous: copy them
      for (int p = 2 * pair0; p < 2 * pair1; p++) {
        float[] panel = panels[first + p / 2];
        int at = p % 2 * NB;
        if (p < q.k) {
          System.arraycopy(q.b, q.bOff + p * q.bRow + j0, panel, at, nb);
        } else {
          Arrays.fill(panel, at, at + nb, 0f);
        }
      }
    } else {
      // gather: read a run of p for each column, write it across the panels
      for (int j = 0; j < nb; j++) {
        int src = q.bOff + (j0 + j) * q.bCol;
        for (int p = 2 * pair0; p < 2 * pair1; p++) {
          panels[first + p / 2][p % 2 * NB + j] = p < q.k ? q.b[src + p * q.bRow] : 0f;
        }
      }
    }
  }

  /** Rows [i0, i1) of C, all columns, from the packed panels. */
  private void multiply(Call q, float[] tile, float[] ap, int i0, int i1) {
    for (int block = 0; block < q.blocks; block++) {
      int j0 = block * q.width, nb = Math.min(q.width, q.n - j0);
      for (int pair0 = 0; pair0 < q.pairs; pair0 += KC / 2) {
        int pair1 = Math.min(q.pairs, pair0 + KC / 2);
        for (int i = i0; i < i1; i += 2) {
          int rows = Math.min(2, i1 - i);
          loadTile(q, tile, i, rows, j0, nb, pair0 == 0);
          packA(q, ap, i, rows, pair0, pair1);
          kernel(panels, block * q.pairs + pair0, pair1 - pair0, ap, tile, nb);
          storeTile(q, tile, i, rows, j0, nb);
        }
      }
    }
  }

  /**
   * tile (2, NB) += op(A) op(B) over `pairs` pairs of rows of op(B): panels[first + g] holds rows 2g and
   * 2g+1 (stride NB) and ap[4g .. 4g+3] = a(0, 2g), a(0, 2g+1), a(1, 2g), a(1, 2g+1).
   */
  private static void kernel(float[][] panels, int first, int pairs, float[] ap, float[] tile, int nb) {
    for (int g = 0; g < pairs; g++) {
      float[] panel = panels[first + g];
      float a00 = ap[4 * g], a01 = ap[4 * g + 1], a10 = ap[4 * g + 2], a11 = ap[4 * g + 3];
      for (int j = 0; j < nb; j++) {
        float b0 = panel[j], b1 = panel[NB + j];
        tile[j] = Math.fma(a01, b1, Math.fma(a00, b0, tile[j]));
        tile[NB + j] = Math.fma(a11, b1, Math.fma(a10, b0, tile[NB + j]));
      }
    }
  }

  /** ap as kernel() reads it, for rows i, i+1 and p in [2 pair0, 2 pair1); zero past k and past row i+rows. */
  private static void packA(Call q, float[] ap, int i, int rows, int pair0, int pair1) {
    Arrays.fill(ap, 0, 4 * (pair1 - pair0), 0f);
    for (int r = 0; r < rows; r++) {
      for (int p = 2 * pair0; p < Math.min(q.k, 2 * pair1); p++) {
        ap[4 * (p / 2 - pair0) + 2 * r + p % 2] = q.a[q.aOff + (i + r) * q.aRow + p * q.aCol];
      }
    }
  }

  /** tile = C rows [i, i+rows), columns [j0, j0+nb); times beta if first; a missing row is zero. */
  private static void loadTile(Call q, float[] tile, int i, int rows, int j0, int nb, boolean first) {
    for (int r = 0; r < 2; r++) {
      int at = r * NB, src = q.cOff + (i + r) * q.cRow + j0 * q.cCol;
      if (r == rows || first && q.beta == 0f) {
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

  /** C = beta * C, all there is to do when k is 0. */
  private static void scale(Call q) {
    for (int i = 0; i < q.m; i++) {
      for (int j = 0; j < q.n; j++) {
        int ij = q.cOff + i * q.cRow + j * q.cCol;
        q.c[ij] = q.beta == 0f ? 0f : q.beta * q.c[ij];
      }
    }
  }

  private void grow(int count) {
    int old = panels.length;
    panels = Arrays.copyOf(panels, count);
    for (int i = old; i < count; i++) {
      panels[i] = new float[2 * NB];
    }
  }

  /** The current call as C (m, n) = op(A) (m, k) op(B) (k, n), each a strided view; shared by the parts. */
  private static final class Call {
    int m, n, k;
    float[] a, b, c;
    int aOff, aRow, aCol, bOff, bRow, bCol, cOff, cRow, cCol;
    float beta;
    int pairs, blocks, width; // pairs of rows of op(B); blocks of at most width <= NB columns
    int parts;
    boolean packing;

    void set(int m, int n, int k, float[] a, int aOff, int aRow, int aCol, float[] b, int bOff, int bRow,
             int bCol, float[] c, int cOff, int cRow, int cCol, float beta) {
      this.m = m;
      this.n = n;
      this.k = k;
      this.a = a;
      this.aOff = aOff;
      this.aRow = aRow;
      this.aCol = aCol;
      this.b = b;
      this.bOff = bOff;
      this.bRow = bRow;
      this.bCol = bCol;
      this.c = c;
      this.cOff = cOff;
      this.cRow = cRow;
      this.cCol = cCol;
      this.beta = beta;
      pairs = (k + 1) / 2;
      blocks = (n + NB - 1) / NB;
      width = blocks == 0 ? 0 : Math.min(NB, ((n + blocks - 1) / blocks + 7) & ~7); // balanced blocks
    }
  }
}
