package org.vae4j.nn;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Pure-Java GEMM on the Vector API (the incubator module jdk.incubator.vector): a register-blocked
 * micro-kernel over packed panels, in the manner of BLIS.
 *
 * <p>The kernel keeps an MR x NR tile of C in 2 MR vector registers and, for each p, adds the outer
 * product of MR values of op(A) (broadcast) and NR values of op(B) (two vectors of the JVM's preferred
 * width). The tile is chosen for the width: 6 x 16 floats in 12 of AVX2's 16 registers (12 fmas for 8
 * loads), 12 x 32 in 24 of AVX-512's 32 (24 fmas for 14 loads; 5 to 10% faster than 6 x 32 at the VAE's
 * shapes on a Zen 5). op(B) is packed into panels of NR columns, p-major (the NR values of a p side by side,
 * zero past n); op(A) into panels of MR rows likewise for AVX2's tile, when C is wide enough that each A
 * panel is read by many B panels; for a narrow C, and always for AVX-512's tile, the kernel reads A in
 * place. A call packs A (items: chunks of panels), then multiplies (items: blocks of B panels, all rows
 * of C, or blocks of rows too when C has too few panels to share out); an item packs its own B panels, a
 * block of k at a time, and the kernel finds them in cache while it walks down the A panels. The threads
 * take the items in turn.
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
  private static final int V = F.length(); // floats per vector: 8 on AVX2, 16 on AVX-512
  // 32 vector registers from AVX-512 on: twice the rows, 24 accumulators
  private static final boolean WIDE = F.vectorBitSize() >= 512;
  private static final int MR = WIDE ? 12 : 6; // rows of C per kernel
  private static final int NR = 2 * V; // columns of C per kernel
  private static final int KC = 1024; // max depth of a k block; a B panel's (KC, NR) streams from L2 at full speed
  private static final int MC_PANELS = 22; // A panels per pass over a block of B: 132 rows, the VAE's batch at once
  // B panels from which AVX2's tile packs A: then read at least this often. AVX-512's tile reads A in place
  // always: the training step ran 4% faster for it (its products alone 5%; 1024^3 and the 1,000-row decoder
  // of the importance-weighted NLL as fast or faster); AVX2's ran 7% slower without packing.
  private static final int PACKED_A_PANELS = 8;
  private static final int PACK_CHUNK = 1 << 15; // floats of packed A per item of packing
  private static final int TRANSPOSE_STEP = 64; // p per step of a transposing pack: KiB-sized writes
  private static final long SMALL = 1 << 18; // multiply-adds below which the caller works alone
  private static final int NARROW = 64; // a TN product with a C narrower than this (and taller) is transposed
  private static final int ITEMS = 8; // items of multiplying per thread, for balance
  private static final int NC_PANELS = 4; // B panels per item at most: its block of B stays in L2
  private static final int ROWS_PER_BLOCK = 48; // rows of C per item at least, when C is split by rows
  // kernel6() for packed A before JDK 25, 10 to 25% faster there on AVX2; JDK 25's C2 makes it twice as slow
  // as kernel6Strided() (measured on JDK 17 and 25 only)
  private static final boolean CONSTANT_OFFSETS = Runtime.version().feature() < 25;

  private final Parallel parallel; // whose threads it shares; calls lock it
  private final ThreadTeam team; // parallel's, null for one thread
  private final ThreadTeam.Task packItem = this::packItem, multiplyItem = this::multiplyItem;
  private final float[][] edges; // per thread: (MR, NR), a tile at the edge of C
  private final int[][] rowOffsets; // per thread: (MR), where kernel12 finds the rows of an A read in place
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
    rowOffsets = new int[parallel.threads()][MR];
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
      ThreadTeam.run(parallel ? team : null, q.colBlocks * q.rowBlocks, multiplyItem);
    } finally {
      q.clear();
    }
  }

  @Override
  public boolean gemmBias(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, float[] b,
                          int bOff, float[] bias, int biasOff, boolean relu, float[] c, int cOff) {
    if (k == 0 || transA && n < NARROW && m > n) {
      return false; // C computed transposed, or no product: the caller applies the bias
    }
    synchronized (parallel) {
      call.bias = bias;
      call.biasOff = biasOff;
      call.relu = relu;
      try {
        multiply(transA, transB, m, n, k, a, aOff, b, bOff, 0f, c, cOff);
      } finally {
        call.bias = null;
      }
    }
    return true;
  }

  @Override
  public Gemm singleThreaded() {
    return new VectorGemm(new Parallel(1));
  }

  @Override
  public String name() {
    return "java-vector";
  }

  /** The vector width in bits, e.g. 256 on AVX2, 512 on AVX-512. */
  public static int vectorBits() {
    return F.vectorBitSize();
  }

  /** The register tile of C, e.g. "12x32" (rows x columns). */
  public static String tile() {
    return MR + "x" + NR;
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
          System.arraycopy(a, src, dst, at, MR);
        }
        if (whole < to) {
          System.arraycopy(a, src, dst, at, q.m - whole * MR);
        }
      }
      return;
    }
    // rows of op(A) are contiguous (NN, NT): MR streams along p
    for (int panel = from; panel < to; panel++) {
      int i0 = panel * MR, at = panel * k * MR, src = q.aOff + i0 * q.aRow, rows = Math.min(MR, q.m - i0);
      for (int p = 0; p < k; p++) {
        for (int r = 0; r < rows; r++) {
          dst[at + p * MR + r] = a[src + r * q.aRow + p];
        }
      }
    }
  }

  /**
   * Item: a block of B panels times a block of A panels (all of them unless C is narrow), a k block at a
   * time, its B panels packed first into the thread's own buffer, then every tile, MC_PANELS A panels at a time.
   */
  private void multiplyItem(int item, int thread) {
    Call q = call;
    int jp0 = item % q.colBlocks * q.colPanels, jp1 = Math.min(q.nPanels, jp0 + q.colPanels);
    int rowBlock = item / q.colBlocks;
    int ipFirst = rowBlock * q.mPanels / q.rowBlocks, ipEnd = (rowBlock + 1) * q.mPanels / q.rowBlocks;
    if (bBlocks[thread].length < q.colPanels * q.kc * NR) {
      bBlocks[thread] = new float[q.colPanels * q.kc * NR];
    }
    float[] bBlock = bBlocks[thread];
    for (int p0 = 0; p0 < q.k; p0 += q.kc) {
      int kc = Math.min(q.kc, q.k - p0);
      for (int jp = jp0; jp < jp1; jp++) {
        packB(q, bBlock, (jp - jp0) * kc * NR, jp, p0, kc);
      }
      for (int ip0 = ipFirst; ip0 < ipEnd; ip0 += MC_PANELS) {
        int ip1 = Math.min(ipEnd, ip0 + MC_PANELS);
        for (int jp = jp0; jp < jp1; jp++) {
          for (int ip = ip0; ip < ip1; ip++) {
            tile(q, thread, bBlock, (jp - jp0) * kc * NR, ip, jp, p0, kc);
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
  private void tile(Call q, int thread, float[] bBlock, int b0, int ip, int jp, int p0, int kc) {
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
    float[] edge = edges[thread], c = whole ? q.c : edge;
    int at = whole ? c0 : 0, ldc = whole ? q.cRow : NR;
    if (!whole && load) {
      for (int r = 0; r < rows; r++) {
        for (int t = 0; t < cols; t++) {
          edge[r * NR + t] = q.c[c0 + r * q.cRow + t * q.cCol];
        }
      }
    }
    int ar = q.aRow, last = rows - 1; // an A read in place: rows past m repeat the last, never read back
    if (WIDE) { // A read in place (see PACKED_A_PANELS)
      int[] offsets = rowOffsets[thread];
      for (int r = 0; r < MR; r++) {
        offsets[r] = Math.min(r, last) * ar;
      }
      kernel12(kc, q.a, q.aOff + i0 * ar + p0 * q.aCol, offsets, q.aCol, bBlock, b0, c, at, ldc, load);
    } else if (q.packA && CONSTANT_OFFSETS) {
      kernel6(kc, packedA, (ip * q.k + p0) * MR, bBlock, b0, c, at, ldc, load);
    } else if (q.packA) {
      kernel6Strided(kc, packedA, (ip * q.k + p0) * MR, 1, 2, 3, 4, 5, MR, bBlock, b0, c, at, ldc, load);
    } else {
      kernel6Strided(kc, q.a, q.aOff + i0 * ar + p0 * q.aCol, Math.min(1, last) * ar, Math.min(2, last) * ar,
          Math.min(3, last) * ar, Math.min(4, last) * ar, Math.min(5, last) * ar, q.aCol, bBlock, b0, c, at, ldc,
          load);
    }
    if (q.bias != null && p0 + kc == q.k) {
      addBias(q, c, at, ldc, rows, cols, j0);
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
   * The finished tile of C at c[at] (rows x cols, row stride ldc; C's columns j0..): c + bias[j], through the
   * ReLU when relu, as Linear's own pass computes them: Math.max(c + b, 0).
   */
  private static void addBias(Call q, float[] c, int at, int ldc, int rows, int cols, int j0) {
    float[] bias = q.bias;
    int b0 = q.biasOff + j0;
    if (cols == NR) {
      FloatVector bias0 = FloatVector.fromArray(F, bias, b0), bias1 = FloatVector.fromArray(F, bias, b0 + V);
      FloatVector zero = FloatVector.zero(F);
      for (int r = 0, ci = at; r < rows; r++, ci += ldc) {
        FloatVector y0 = FloatVector.fromArray(F, c, ci).add(bias0);
        FloatVector y1 = FloatVector.fromArray(F, c, ci + V).add(bias1);
        if (q.relu) {
          y0 = y0.max(zero);
          y1 = y1.max(zero);
        }
        y0.intoArray(c, ci);
        y1.intoArray(c, ci + V);
      }
      return;
    }
    for (int r = 0, ci = at; r < rows; r++, ci += ldc) {
      for (int t = 0; t < cols; t++) {
        float y = c[ci + t] + bias[b0 + t];
        c[ci + t] = q.relu ? Math.max(y, 0f) : y;
      }
    }
  }

  /**
   * c (MR, NR) at c0 with row stride ldc = (c if load, else 0) + a (kc, MR) from a0, transposed, times
   * b (kc, NR) from b0: one fma per element and p, in the order of p.
   */
  private static void kernel6(int kc, float[] a, int a0, float[] b, int b0, float[] c, int c0, int ldc,
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
   * kernel6() with A at a(r, p) = a[a0 + o_r + p aStep], o_0 = 0: an A read in place, or a packed one
   * (offsets 1 .. 5, step MR) on JDK 25.
   */
  private static void kernel6Strided(int kc, float[] a, int a0, int o1, int o2, int o3, int o4, int o5, int aStep,
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

  /**
   * c (12, NR) at c0 with row stride ldc = (c if load, else 0) + a (kc, 12) times b (kc, NR) from b0, A at
   * a(r, p) = a[a0 + offsets[r] + p aStep] (read in place): one fma per element and p, in the
   * order of p.
   */
  private static void kernel12(int kc, float[] a, int a0, int[] offsets, int aStep, float[] b, int b0, float[] c,
                               int c0, int ldc, boolean load) {
    int o1 = offsets[1], o2 = offsets[2], o3 = offsets[3], o4 = offsets[4], o5 = offsets[5];
    int o6 = offsets[6], o7 = offsets[7], o8 = offsets[8], o9 = offsets[9], o10 = offsets[10], o11 = offsets[11];
    int c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc, c4 = c3 + ldc, c5 = c4 + ldc;
    int c6 = c5 + ldc, c7 = c6 + ldc, c8 = c7 + ldc, c9 = c8 + ldc, c10 = c9 + ldc, c11 = c10 + ldc;
    FloatVector c0a, c0b, c1a, c1b, c2a, c2b, c3a, c3b, c4a, c4b, c5a, c5b;
    FloatVector c6a, c6b, c7a, c7b, c8a, c8b, c9a, c9b, c10a, c10b, c11a, c11b;
    if (load) {
      c0a = FloatVector.fromArray(F, c, c0);
      c0b = FloatVector.fromArray(F, c, c0 + V);
      c1a = FloatVector.fromArray(F, c, c1);
      c1b = FloatVector.fromArray(F, c, c1 + V);
      c2a = FloatVector.fromArray(F, c, c2);
      c2b = FloatVector.fromArray(F, c, c2 + V);
      c3a = FloatVector.fromArray(F, c, c3);
      c3b = FloatVector.fromArray(F, c, c3 + V);
      c4a = FloatVector.fromArray(F, c, c4);
      c4b = FloatVector.fromArray(F, c, c4 + V);
      c5a = FloatVector.fromArray(F, c, c5);
      c5b = FloatVector.fromArray(F, c, c5 + V);
      c6a = FloatVector.fromArray(F, c, c6);
      c6b = FloatVector.fromArray(F, c, c6 + V);
      c7a = FloatVector.fromArray(F, c, c7);
      c7b = FloatVector.fromArray(F, c, c7 + V);
      c8a = FloatVector.fromArray(F, c, c8);
      c8b = FloatVector.fromArray(F, c, c8 + V);
      c9a = FloatVector.fromArray(F, c, c9);
      c9b = FloatVector.fromArray(F, c, c9 + V);
      c10a = FloatVector.fromArray(F, c, c10);
      c10b = FloatVector.fromArray(F, c, c10 + V);
      c11a = FloatVector.fromArray(F, c, c11);
      c11b = FloatVector.fromArray(F, c, c11 + V);
    } else {
      c0a = c0b = c1a = c1b = c2a = c2b = c3a = c3b = c4a = c4b = c5a = c5b = FloatVector.zero(F);
      c6a = c6b = c7a = c7b = c8a = c8b = c9a = c9b = c10a = c10b = c11a = c11b = FloatVector.zero(F);
    }
    for (int p = 0, ai = a0, bi = b0; p < kc; p++, ai += aStep, bi += NR) {
      FloatVector b0v = FloatVector.fromArray(F, b, bi), b1v = FloatVector.fromArray(F, b, bi + V);
      FloatVector ar = FloatVector.broadcast(F, a[ai]);
      c0a = ar.fma(b0v, c0a);
      c0b = ar.fma(b1v, c0b);
      ar = FloatVector.broadcast(F, a[ai + o1]);
      c1a = ar.fma(b0v, c1a);
      c1b = ar.fma(b1v, c1b);
      ar = FloatVector.broadcast(F, a[ai + o2]);
      c2a = ar.fma(b0v, c2a);
      c2b = ar.fma(b1v, c2b);
      ar = FloatVector.broadcast(F, a[ai + o3]);
      c3a = ar.fma(b0v, c3a);
      c3b = ar.fma(b1v, c3b);
      ar = FloatVector.broadcast(F, a[ai + o4]);
      c4a = ar.fma(b0v, c4a);
      c4b = ar.fma(b1v, c4b);
      ar = FloatVector.broadcast(F, a[ai + o5]);
      c5a = ar.fma(b0v, c5a);
      c5b = ar.fma(b1v, c5b);
      ar = FloatVector.broadcast(F, a[ai + o6]);
      c6a = ar.fma(b0v, c6a);
      c6b = ar.fma(b1v, c6b);
      ar = FloatVector.broadcast(F, a[ai + o7]);
      c7a = ar.fma(b0v, c7a);
      c7b = ar.fma(b1v, c7b);
      ar = FloatVector.broadcast(F, a[ai + o8]);
      c8a = ar.fma(b0v, c8a);
      c8b = ar.fma(b1v, c8b);
      ar = FloatVector.broadcast(F, a[ai + o9]);
      c9a = ar.fma(b0v, c9a);
      c9b = ar.fma(b1v, c9b);
      ar = FloatVector.broadcast(F, a[ai + o10]);
      c10a = ar.fma(b0v, c10a);
      c10b = ar.fma(b1v, c10b);
      ar = FloatVector.broadcast(F, a[ai + o11]);
      c11a = ar.fma(b0v, c11a);
      c11b = ar.fma(b1v, c11b);
    }
    c0a.intoArray(c, c0);
    c0b.intoArray(c, c0 + V);
    c1a.intoArray(c, c1);
    c1b.intoArray(c, c1 + V);
    c2a.intoArray(c, c2);
    c2b.intoArray(c, c2 + V);
    c3a.intoArray(c, c3);
    c3b.intoArray(c, c3 + V);
    c4a.intoArray(c, c4);
    c4b.intoArray(c, c4 + V);
    c5a.intoArray(c, c5);
    c5b.intoArray(c, c5 + V);
    c6a.intoArray(c, c6);
    c6b.intoArray(c, c6 + V);
    c7a.intoArray(c, c7);
    c7b.intoArray(c, c7 + V);
    c8a.intoArray(c, c8);
    c8b.intoArray(c, c8 + V);
    c9a.intoArray(c, c9);
    c9b.intoArray(c, c9 + V);
    c10a.intoArray(c, c10);
    c10b.intoArray(c, c10 + V);
    c11a.intoArray(c, c11);
    c11b.intoArray(c, c11 + V);
  }

  /** The current call, with its blocks and items; shared by the threads. */
  private static final class Call extends StridedProduct {
    int mPanels, nPanels, kc; // panels of MR rows and NR columns; depth of a k block
    float[] bias; // C(i, j) += bias[biasOff + j], then the ReLU if relu, after the last k block; null for none
    int biasOff;
    boolean relu;
    boolean packA; // else the kernel reads A in place
    int aChunks, aPanelsPerChunk; // the items of packing A
    int colBlocks, colPanels; // blocks of B panels
    int rowBlocks; // blocks of A panels: items of multiplying = colBlocks x rowBlocks

    /** Blocks and items for this call on that many threads. */
    void split(int threads) {
      mPanels = (m + MR - 1) / MR;
      nPanels = (n + NR - 1) / NR;
      int kBlocks = (k + KC - 1) / KC;
      kc = (k + kBlocks - 1) / kBlocks; // balanced blocks
      packA = !WIDE && nPanels >= PACKED_A_PANELS;
      aPanelsPerChunk = Math.max(1, PACK_CHUNK / (MR * k));
      aChunks = (mPanels + aPanelsPerChunk - 1) / aPanelsPerChunk;
      colPanels = Math.min(NC_PANELS, (nPanels + ITEMS * threads - 1) / (ITEMS * threads));
      colBlocks = (nPanels + colPanels - 1) / colPanels;
      // a C of fewer column blocks than threads (a narrow NN or NT) splits its rows too; each item then
      // packs its B panels anew, which costs little next to ROWS_PER_BLOCK rows or more of products
      rowBlocks = colBlocks >= threads ? 1 : Math.max(1, Math.min(threads, mPanels * MR / ROWS_PER_BLOCK));
    }
  }
}
