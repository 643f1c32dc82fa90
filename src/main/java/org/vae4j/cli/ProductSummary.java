package org.vae4j.cli;

import java.util.Locale;
import org.vae4j.Durations;
import org.vae4j.nn.CountingGemm;
import org.vae4j.nn.SgemmRate;

/**
 * The line train and experiment end with: the matrix-product work the command did, the rate it achieved
 * over the whole command (loading, training, evaluating, figures: everything), and the engine's sgemm rate
 * on one large product, measured there and then, the bound that rate is held against.
 */
final class ProductSummary {
  /** Seconds of the sgemm timing: enough for some hundred products on a quiet machine. */
  static final double TIMING_SECONDS = 0.5;

  private ProductSummary() {}

  /** The summary of what gemm counted over a command that took seconds; times gemm's engine first. */
  static String line(CountingGemm gemm, double seconds) {
    SgemmRate.Rate bound = SgemmRate.measure(gemm.engine(), TIMING_SECONDS);
    double rate = gemm.flops() / seconds / 1e9;
    return String.format(Locale.ROOT, "matrix products: %s in %s, %.1f GFLOP/s over the whole command; %s's sgemm "
            + "rate here %.1f GFLOP/s (%s, the best of %d, timed now): %.0f%% of it", work(gemm.flops()),
        Durations.format(seconds), rate, gemm.name(), bound.gflops(), bound.shape(), bound.products(),
        100 * rate / bound.gflops());
  }

  /** FLOPs in the unit that suits them: "63.9 TFLOP", "412.0 GFLOP". */
  static String work(double flops) {
    return flops >= 1e12 ? String.format(Locale.ROOT, "%.1f TFLOP", flops / 1e12)
        : String.format(Locale.ROOT, "%.1f GFLOP", flops / 1e9);
  }
}
