package org.vae4j.nn;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Pure-Java GEMM on the Vector API (the incubator module jdk.incubator.vector): a register-blocked
 * micro-kernel over packed panels, in the manner of BLIS.
 *
 * <p>The kernel keeps an MR x NR tile of C in 2 MR vector registers (6 x 16 floats in 12 of AVX2's 16
 * registers) and, for each p, adds the outer product of MR values of op(A) (broadcast) and NR values of
 * op(B) (two vectors): 12 fmas for 8 loads. op(B) is packed into panels of NR columns, p-major (the NR
 * values of a p side by side, zero past n); op(A) into panels of MR rows likewise, when C is wide enough
 * that each A panel is read by many B panels; for a narrow C the kernel reads A in place. A call packs A
 * (items: chunks of panels), then multiplies (items: blocks of B panels, all rows of C); an item packs
 * its own B panels, a block of k at a time, and the kernel finds them in cache while it walks down the A
 * panels. The threads take the items in turn.
 *
 * <p>Every element of C gets the same operations in the same order, whatever the thread count, item or
 * path: {@code c = beta * c} (0 if beta is 0), then {@code c = fma(a(i,p), b(p,j), c)} for p = 0 .. k-1.
 * So results are bitwise identical for any thread count, and equal to JavaGemm's but for the sign of a
 * zero. Calls are serialized, with each other and with parallel's other work.
 *
 * <p>Running it needs {@code --add-modules jdk.incubator.vector}; GemmEngines creates it only then.
 */
public final class VectorGemm implements Gemm {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int V = F.length(); // floats per vector: 8 on AVX2
  private static final int MR = 6; // rows of C per kernel
  private static final int NR = 2 * V; // columns of C per kernel
  private static final int KC = 1024; // max depth of a k block; a B panel's (KC, NR) streams from L2 at full speed
  private static final int MC_PANELS = 22; // A panels per pass over a block of B: 132 rows, the VAE's batch at once
  private static final int PACKED_A_PANELS = 8; // B panels from which A is packed: then read at least this often
  private static final int PACK_CHUNK = 1 << 15; // floats of packed A per item of packing
  private static final int TRANSPOSE_STEP = 64; // p per step of a transposing pack: KiB-sized writes
  private static final long SMALL = 1 << 18; // multiply-adds below which the caller works alone
  private static final int NARROW = 64; // a TN product with a C narrower than this (and taller) is transposed
  private static final int ITEMS = 8; // items of multiplying per thread, for balance
  private static final int NC_PANELS = 4; // B panels per item at most: its block of B stays in L2
  // kernel() for packed A before JDK 25, 10 to 25% faster there; JDK 25's C2 makes it twice as slow as
  // kernelStrided() (measured on JDK 17 and 25 only)
  private static final boolean CONSTANT_OFFSETS = Runtime.version().feature() < 25;

  private final Parallel parallel; // whose threads it shares; calls lock it
  private final ThreadTeam team; // parallel's, null for one thread
  private final ThreadTeam.Task packItem = this::packItem, multiplyItem = this::multiplyItem;
  private final float[][] edges; // per thread: (MR, NR), a tile at the edge of C
  private final float[][] bBlocks; // per thread: (colPanels, kc, NR), the B panels of its item, a k block
  private float[] packedA = new float[0]; // (mPanels, k, MR): op(A) when packed, shared
  private final Call call = new Call();

  /**
   * Works on parallel's threads, as the element-wise work does: threads of its own would spin between
   * products on the cores that work needs.
   */
  public VectorGemm(Parallel parallel) {
    this.parallel = parallel;
    team = parallel.team();
    edges = new float[parallel.threads()][MR * NR];
    bBlocks = new float[parallel.threads()][0];
  }

  @Override
  public void gemm(boolean transA, boolean transB, int m, int n, int k,
                   float[] a, int aOff, float[] b, int bOff, float beta, float[] c, int cOff) {
    synchronized (parallel) {
      multiply(transA, transB, m, n, k, a, aOff, b, bOff, beta, c, cOff);
    }
  }

  private void multiply(boolean transA, boolean transB, int m, int n, int k,
                        float[] a, int aOff, float[] b, int bOff, float beta, float[] c, int cOff) {
    // a: (m, k) or (k, m) if transA; b: (k, n) or (n, k) if transB; c: (m, n)
    Call q = call;
    // a narrow TN as C^T = op(B)^T op(A)^T: a small A, and a B whose rows are contiguous, cheap to pack
    q.set(transA, transB, m, n, k, a, aOff, b, bOff, beta, c, cOff, transA && n < NARROW && m > n);
    try {
      if (m == 0 || n == 0) {
        return;
      }
      if (k == 0) {
        q.scaleC();
        return;
      }
      boolean parallel = team != null && (long) m * n * k >= SMALL;
      q.split(parallel ? team.size() : 1);
      if (q.packA) {
        if (packedA.length < q.mPanels * k * MR) {
          packedA = new float[q.mPanels * k * MR];
        }
        ThreadTeam.run(parallel ? team : null, q.aChunks, packItem);
      }
      ThreadTeam.run(parallel ? team : null, q.colBlocks, multiplyItem);
    } finally {
      q.clear();
    }
  }

  @Override
  public Gemm singleThreaded() {
    return new VectorGemm(new Parallel(1));
  }

  @Override
  public String name() {
    return "java-vector";
  }

  /** Packs chunk item of A panels. */
  private void packItem(int item, int thread) {
    Call q = call;
    int from = item * q.aPanelsPerChunk;
    packA(q, from, Math.min(q.mPanels, from + q.aPanelsPerChunk));
  }

  /** A panels [from, to): packedA[(panel k + p) MR + r] = op(A)(panel MR + r, p), 0 past m. */
  private void packA(Call q, int from, int to) {
    float[] dst = packedA, a = q.a;
    int k = q.k;
    if (to * MR > q.m) {
      Arrays.fill(dst, (to - 1) * k * MR, to * k * MR, 0f); // the last panel, short of rows
    }
    if (q.aRow == 1) {
      // the MR values of a p are contiguous (TN): along rows of a, p by p
      int whole = Math.min(to, q.m / MR), step = k * MR;
      for (int p = 0; p < k; p++) {
        int src = q.aOff + p * q.aCol + from * MR, at = (from * k + p) * MR;
        for (int panel = from; panel < whole; panel++, src += MR, at += step) {
          dst[at] = a[src];
          dst[at + 1] = a[src + 1];
          dst[at + 2] = a[src + 2];
          dst[at + 3] = a[src + 3];
          dst[at + 4] = a[src + 4];
          dst[at + 5] = a[src + 5];
        }
        if (whole < to) {
          System.arraycopy(a, src, dst, at, q.m - whole * MR);
        }
      }
      return;
    }
    // rows of op(A) are contiguous (NN, NT): MR streams along p
    for (int panel = from; panel < to; panel++) {
      int i0 = panel * MR, at = panel * k * MR, src = q.aOff + i0 * q.aRow;
      if (i0 + MR <= q.m) {
        int s1 = src + q.aRow, s2 = s1 + q.aRow, s3 = s2 + q.aRow, s4 = s3 + q.aRow, s5 = s4 + q.aRow;
        for (int p = 0; p < k; p++, at += MR) {
          dst[at] = a[src + p];
          dst[at + 1] = a[s1 + p];
          dst[at + 2] = a[s2 + p];
          dst[at + 3] = a[s3 + p];
          dst[at + 4] = a[s4 + p];
          dst[at + 5] = a[s5 + p];
        }
      } else {
        for (int r = 0; r < q.m - i0; r++) {
          for (int p = 0; p < k; p++) {
            dst[at + p * MR + r] = a[src + r * q.aRow + p];
          }
        }
      }
    }
  }

  /**
   * Block item of B panels, all rows of C: a k block at a time, its B panels packed first into the
   * thread's own buffer, then every tile, MC_PANELS A panels at a time.
   */
  private void multiplyItem(int item, int thread) {
    Call q = call;
    int jp0 = item * q.colPanels, jp1 = Math.min(q.nPanels, jp0 + q.colPanels);
    if (bBlocks[thread].length < q.colPanels * q.kc * NR) {
      bBlocks[thread] = new float[q.colPanels * q.kc * NR];
    }
    float[] bBlock = bBlocks[thread];
    for (int p0 = 0; p0 < q.k; p0 += q.kc) {
      int kc = Math.min(q.kc, q.k - p0);
      for (int jp = jp0; jp < jp1; jp++) {
        packB(q, bBlock, (jp - jp0) * kc * NR, jp, p0, kc);
      }
      for (int ip0 = 0; ip0 < q.mPanels; ip0 += MC_PANELS) {
        int ip1 = Math.min(q.mPanels, ip0 + MC_PANELS);
        for (int jp = jp0; jp < jp1; jp++) {
          for (int ip = ip0; ip < ip1; ip++) {
            tile(q, edges[thread], bBlock, (jp - jp0) * kc * NR, ip, jp, p0, kc);
          }
        }
      }
    }
  }

  /** dst[at + (p - p0) NR + t] = op(B)(p, jp NR + t) for p in [p0, p0 + kc); 0 past n. */
  private static void packB(Call q, float[] dst, int at, int jp, int p0, int kc) {
    float[] b = q.b;
    int j0 = jp * NR, cols = Math.min(NR, q.n - j0);
    if (cols < NR) {
      Arrays.fill(dst, at, at + kc * NR, 0f);
    }
    if (q.bCol == 1) {
      // rows of op(B) are contiguous (NN, TN): copy them, two vectors at a time where whole
      int src = q.bOff + p0 * q.bRow + j0;
      if (cols == NR) {
        for (int p = 0; p < kc; p++, src += q.bRow) {
          FloatVector.fromArray(F, b, src).intoArray(dst, at + p * NR);
          FloatVector.fromArray(F, b, src + V).intoArray(dst, at + p * NR + V);
        }
      } else {
        for (int p = 0; p < kc; p++, src += q.bRow) {
          System.arraycopy(b, src, dst, at + p * NR, cols);
        }
      }
    } else {
      // columns of op(B) are contiguous (NT): transpose, a step of p at a time so the writes stay in L1
      for (int s0 = 0; s0 < kc; s0 += TRANSPOSE_STEP) {
        int s1 = Math.min(kc, s0 + TRANSPOSE_STEP);
        for (int t = 0; t < cols; t++) {
          int src = q.bOff + (p0 + s0) * q.bRow + (j0 + t) * q.bCol;
          for (int p = s0; p < s1; p++, src += q.bRow) {
            dst[at + p * NR + t] = b[src];
          }
        }
      }
    }
  }

  /**
   * C tile of A panel ip and B panel jp += their products over p in [p0, p0 + kc), after beta on the
   * first k block; the B panel's block is at bBlock[b0].
   */
  private void tile(Call q, float[] edge, float[] bBlock, int b0, int ip, int jp, int p0, int kc) {
    int i0 = ip * MR, j0 = jp * NR, rows = Math.min(MR, q.m - i0), cols = Math.min(NR, q.n - j0);
    boolean first = p0 == 0, load = !(first && q.beta == 0f); // beta 0 ignores C, even NaN
    int c0 = q.cOff + i0 * q.cRow + j0 * q.cCol;
    if (first && load && q.beta != 1f) {
      for (int r = 0; r < rows; r++) {
        for (int t = 0; t < cols; t++) {
          q.c[c0 + r * q.cRow + t * q.cCol] *= q.beta;
        }
      }
    }
    // at an edge of C, or C transposed: through a scratch tile whose padding lanes are never read back
    boolean whole = rows == MR && cols == NR && q.cCol == 1;
    float[] c = whole ? q.c : edge;
    int at = whole ? c0 : 0, ldc = whole ? q.cRow : NR;
    if (!whole && load) {
      for (int r = 0; r < rows; r++) {
        for (int t = 0; t < cols; t++) {
          edge[r * NR + t] = q.c[c0 + r * q.cRow + t * q.cCol];
        }
      }
    }
    if (q.packA && CONSTANT_OFFSETS) {
      kernel(kc, packedA, (ip * q.k + p0) * MR, bBlock, b0, c, at, ldc, load);
    } else if (q.packA) {
      kernelStrided(kc, packedA, (ip * q.k + p0) * MR, 1, 2, 3, 4, 5, MR, bBlock, b0, c, at, ldc, load);
    } else {
      // rows past m repeat the last one: lanes that are never read back
      int ar = q.aRow, last = rows - 1;
      kernelStrided(kc, q.a, q.aOff + i0 * ar + p0 * q.aCol, Math.min(1, last) * ar, Math.min(2, last) * ar,
          Math.min(3, last) * ar, Math.min(4, last) * ar, Math.min(5, last) * ar, q.aCol, bBlock, b0, c, at, ldc,
          load);
    }
    if (!whole) {
      for (int r = 0; r < rows; r++) {
        for (int t = 0; t < cols; t++) {
          q.c[c0 + r * q.cRow + t * q.cCol] = edge[r * NR + t];
        }
      }
    }
  }

  /**
   * c (MR, NR) at c0 with row stride ldc = (c if load, else 0) + a (kc, MR) from a0, transposed, times
   * b (kc, NR) from b0: one fma per element and p, in the order of p.
   */
  private static void kernel(int kc, float[] a, int a0, float[] b, int b0, float[] c, int c0, int ldc,
                             boolean load) {
    int c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc, c4 = c3 + ldc, c5 = c4 + ldc;
    FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
    if (load) {
      c00 = FloatVector.fromArray(F, c, c0);
      c01 = FloatVector.fromArray(F, c, c0 + V);
      c10 = FloatVector.fromArray(F, c, c1);
      c11 = FloatVector.fromArray(F, c, c1 + V);
      c20 = FloatVector.fromArray(F, c, c2);
      c21 = FloatVector.fromArray(F, c, c2 + V);
      c30 = FloatVector.fromArray(F, c, c3);
      c31 = FloatVector.fromArray(F, c, c3 + V);
      c40 = FloatVector.fromArray(F, c, c4);
      c41 = FloatVector.fromArray(F, c, c4 + V);
      c50 = FloatVector.fromArray(F, c, c5);
      c51 = FloatVector.fromArray(F, c, c5 + V);
    } else {
      c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = FloatVector.zero(F);
    }
    for (int p = 0, ai = a0, bi = b0; p < kc; p++, ai += MR, bi += NR) {
      FloatVector b0v = FloatVector.fromArray(F, b, bi), b1v = FloatVector.fromArray(F, b, bi + V);
      FloatVector ar = FloatVector.broadcast(F, a[ai]);
      c00 = ar.fma(b0v, c00);
      c01 = ar.fma(b1v, c01);
      ar = FloatVector.broadcast(F, a[ai + 1]);
      c10 = ar.fma(b0v, c10);
      c11 = ar.fma(b1v, c11);
      ar = FloatVector.broadcast(F, a[ai + 2]);
      c20 = ar.fma(b0v, c20);
      c21 = ar.fma(b1v, c21);
      ar = FloatVector.broadcast(F, a[ai + 3]);
      c30 = ar.fma(b0v, c30);
      c31 = ar.fma(b1v, c31);
      ar = FloatVector.broadcast(F, a[ai + 4]);
      c40 = ar.fma(b0v, c40);
      c41 = ar.fma(b1v, c41);
      ar = FloatVector.broadcast(F, a[ai + 5]);
      c50 = ar.fma(b0v, c50);
      c51 = ar.fma(b1v, c51);
    }
    c00.intoArray(c, c0);
    c01.intoArray(c, c0 + V);
    c10.intoArray(c, c1);
    c11.intoArray(c, c1 + V);
    c20.intoArray(c, c2);
    c21.intoArray(c, c2 + V);
    c30.intoArray(c, c3);
    c31.intoArray(c, c3 + V);
    c40.intoArray(c, c4);
    c41.intoArray(c, c4 + V);
    c50.intoArray(c, c5);
    c51.intoArray(c, c5 + V);
  }

  /**
   * kernel() with A at a(r, p) = a[a0 + o_r + p aStep], o_0 = 0: an A read in place, or a packed one
   * (offsets 1 .. 5, step MR) on JDK 25.
   */
  private static void kernelStrided(int kc, float[] a, int a0, int o1, int o2, int o3, int o4, int o5, int aStep,
                                    float[] b, int b0, float[] c, int c0, int ldc, boolean load) {
    int c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc, c4 = c3 + ldc, c5 = c4 + ldc;
    FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
    if (load) {
      c00 = FloatVector.fromArray(F, c, c0);
      c01 = FloatVector.fromArray(F, c, c0 + V);
      c10 = FloatVector.fromArray(F, c, c1);
      c11 = FloatVector.fromArray(F, c, c1 + V);
      c20 = FloatVector.fromArray(F, c, c2);
      c21 = FloatVector.fromArray(F, c, c2 + V);
      c30 = FloatVector.fromArray(F, c, c3);
      c31 = FloatVector.fromArray(F, c, c3 + V);
      c40 = FloatVector.fromArray(F, c, c4);
      c41 = FloatVector.fromArray(F, c, c4 + V);
      c50 = FloatVector.fromArray(F, c, c5);
      c51 = FloatVector.fromArray(F, c, c5 + V);
    } else {
      c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = FloatVector.zero(F);
    }
    for (int p = 0, ai = a0, bi = b0; p < kc; p++, ai += aStep, bi += NR) {
      FloatVector b0v = FloatVector.fromArray(F, b, bi), b1v = FloatVector.fromArray(F, b, bi + V);
      FloatVector ar = FloatVector.broadcast(F, a[ai]);
      c00 = ar.fma(b0v, c00);
      c01 = ar.fma(b1v, c01);
      ar = FloatVector.broadcast(F, a[ai + o1]);
      c10 = ar.fma(b0v, c10);
      c11 = ar.fma(b1v, c11);
      ar = FloatVector.broadcast(F, a[ai + o2]);
      c20 = ar.fma(b0v, c20);
      c21 = ar.fma(b1v, c21);
      ar = FloatVector.broadcast(F, a[ai + o3]);
      c30 = ar.fma(b0v, c30);
      c31 = ar.fma(b1v, c31);
      ar = FloatVector.broadcast(F, a[ai + o4]);
      c40 = ar.fma(b0v, c40);
      c41 = ar.fma(b1v, c41);
      ar = FloatVector.broadcast(F, a[ai + o5]);
      c50 = ar.fma(b0v, c50);
      c51 = ar.fma(b1v, c51);
    }
    c00.intoArray(c, c0);
    c01.intoArray(c, c0 + V);
    c10.intoArray(c, c1);
    c11.intoArray(c, c1 + V);
    c20.intoArray(c, c2);
    c21.intoArray(c, c2 + V);
    c30.intoArray(c, c3);
    c31.intoArray(c, c3 + V);
    c40.intoArray(c, c4);
    c41.intoArray(c, c4 + V);
    c50.intoArray(c, c5);
    c51.intoArray(c, c5 + V);
  }

  /** The current call, with its blocks and items; shared by the threads. */
  private static final class Call extends StridedProduct {
    int mPanels, nPanels, kc; // panels of MR rows and NR columns; depth of a k block
    boolean packA; // else the kernel reads A in place
    int aChunks, aPanelsPerChunk; // the items of packing A
    int colBlocks, colPanels; // the items of multiplying: blocks of B panels

    /** Blocks and items for this call on that many threads. */
    void split(int threads) {
      mPanels = (m + MR - 1) / MR;
      nPanels = (n + NR - 1) / NR;
      int kBlocks = (k + KC - 1) / KC;
      kc = (k + kBlocks - 1) / kBlocks; // balanced blocks
      packA = nPanels >= PACKED_A_PANELS;
      aPanelsPerChunk = Math.max(1, PACK_CHUNK / (MR * k));
      aChunks = (mPanels + aPanelsPerChunk - 1) / aPanelsPerChunk;
      colPanels = Math.min(NC_PANELS, (nPanels + ITEMS * threads - 1) / (ITEMS * threads));
      colBlocks = (nPanels + colPanels - 1) / colPanels;
    }
  }
}
