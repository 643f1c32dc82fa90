package org.vae4j.train;

import java.util.Locale;
import org.vae4j.InvalidSetting;
import org.vae4j.model.Architecture;
import org.vae4j.nn.LayerSpec;

/**
 * What a training run needs of the Java heap, estimated from its model and batch before anything is
 * allocated, so that a size that cannot fit is refused in one line naming the setting, not met by an
 * OutOfMemoryError (or an int overflow) minutes later.
 */
public final class MemoryNeed {
  /**
   * Copies of the parameter block a run holds: values, gradients, Adam's two moments, and the copies a
   * model file and a checkpoint make while they are written.
   */
  private static final int PARAMETER_COPIES = 6;

  private MemoryNeed() {}

  /** Bytes of the parameters with their gradients, Adam's moments and the copies saving makes. */
  public static double parameters(Architecture a) {
    return 4.0 * PARAMETER_COPIES * a.layers().stream().mapToDouble(l -> (double) l.parameterCount()).sum();
  }

  /**
   * Bytes of a training step's workspaces for batch images with samples z each: every layer's output and
   * its gradient, the heads', the likelihood's buffers and the objective's, the batch itself.
   */
  public static double activations(Architecture a, int batch, int samples) {
    double encoder = 0;
    for (LayerSpec l : a.encoder()) {
      encoder += 2.0 * l.output().size();
    }
    encoder += 4.0 * a.latent() + a.input() + a.classes() + a.input(); // heads, the label's copy of x, x
    double decoder = 0;
    for (LayerSpec l : a.decoder()) {
      decoder += 2.0 * l.output().size();
    }
    // the likelihood's means and scratch, z and its gradient and std, the repeated x of IWAE, the label's copy
    decoder += 3.0 * a.input() + 3.0 * a.latent() + 2.0 * (a.latent() + a.classes());
    return 4.0 * ((double) batch * encoder + (double) batch * samples * decoder);
  }

  /**
   * Refuses a run whose parameters and step would take more than available bytes, naming the setting that
   * makes the larger part: the batch, or the larger of the hidden and latent sizes.
   */
  public static void check(Architecture a, int batch, int samples, long available) {
    double parameters = parameters(a);
    double activations = activations(a, batch, samples);
    if (parameters + activations <= available) {
      return;
    }
    String heap = String.format(Locale.ROOT, "; the Java heap has %s free (VAE4J_JAVA_OPTS=-Xmx... gives it "
        + "more)", size(available));
    if (activations >= parameters) {
      throw new InvalidSetting("batch", String.format(Locale.ROOT, "%,d needs about %s for a training step's "
          + "activations%s", batch, size(activations), heap));
    }
    boolean latent = a.latent() > a.spec().hidden();
    throw new InvalidSetting(latent ? "latent" : "hidden", String.format(Locale.ROOT, "%,d makes a model of %,.0f "
        + "parameters, about %s with their gradients and Adam's moments%s", latent ? a.latent() : a.spec().hidden(),
        parameters / 4 / PARAMETER_COPIES, size(parameters), heap));
  }

  /** The heap this JVM may still grow into: its maximum less what is in use. */
  public static long availableHeap() {
    Runtime r = Runtime.getRuntime();
    return r.maxMemory() - (r.totalMemory() - r.freeMemory());
  }

  private static String size(double bytes) {
    return bytes >= 1e9 ? String.format(Locale.ROOT, "%,.1f GB", bytes / 1e9)
        : String.format(Locale.ROOT, "%,.0f MB", bytes / 1e6);
  }
}
