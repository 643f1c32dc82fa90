package org.vae4j.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The shape of one {@link Gemm} call: C (m, n) = op(A) (m, k) op(B) (k, n), with the call's transposes;
 * eachThread when it is made on a {@link Gemm#singleThreaded()} engine by a layer that runs one such call on
 * every thread at once (a convolution's group of images).
 * A model passes the list of its step's calls to {@link GemmEngines#create(String, Parallel, java.io.PrintStream,
 * List)}, so that {@code auto} picks the engine fastest at those shapes.
 */
public record GemmShape(boolean transA, boolean transB, int m, int n, int k, boolean eachThread) {
  /** One training step of the lab reports' VAE: 784-512-20, batch 128. */
  public static final List<GemmShape> LAB_VAE_STEP = mlpVaeStep(784, 512, 20, 128);

  public GemmShape {
    if (m < 0 || n < 0 || k < 0) {
      throw new IllegalArgumentException("GEMM sizes must be >= 0, got " + m + "x" + n + "x" + k);
    }
  }

  /** A call on the engine itself, which shares it out over its threads. */
  public GemmShape(boolean transA, boolean transB, int m, int n, int k) {
    this(transA, transB, m, n, k, false);
  }

  /** This call, made on a single-threaded engine, one per thread, as the threads share out the calls. */
  public GemmShape onEachThread() {
    return new GemmShape(transA, transB, m, n, k, true);
  }

  /** Multiplies and adds, counted as 2 m n k floating-point operations. */
  public double flops() {
    return 2.0 * m * n * k;
  }

  /**
   * A fully connected layer's products in a step, as {@link Linear} makes them: forward NT (B, out, in),
   * weight gradient TN (out, in, B), and the input gradient NN (B, in, out) unless it is the first layer.
   */
  public static List<GemmShape> linearStep(int batch, int in, int out, boolean inputGradient) {
    List<GemmShape> calls = new ArrayList<>();
    calls.add(new GemmShape(false, true, batch, out, in));
    calls.add(new GemmShape(true, false, out, in, batch));
    if (inputGradient) {
      calls.add(new GemmShape(false, false, batch, in, out));
    }
    return List.copyOf(calls);
  }

  /**
   * A training step of the MLP VAE input-hidden-latent (encoder hidden, mean and log-variance heads, decoder
   * hidden and output layers) on a batch: 18 calls.
   */
  public static List<GemmShape> mlpVaeStep(int input, int hidden, int latent, int batch) {
    List<GemmShape> calls = new ArrayList<>(linearStep(batch, input, hidden, false));
    calls.addAll(linearStep(batch, hidden, latent, true));
    calls.addAll(linearStep(batch, hidden, latent, true));
    calls.addAll(linearStep(batch, latent, hidden, true));
    calls.addAll(linearStep(batch, hidden, input, true));
    return List.copyOf(calls);
  }

  /** E.g. "NT 128x512x784" (form, then m x n x k), with " on each thread" when eachThread. */
  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s%s %dx%dx%d%s", transA ? "T" : "N", transB ? "T" : "N", m, n, k,
        eachThread ? " on each thread" : "");
  }
}
