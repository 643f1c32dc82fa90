package org.vae4j.model;

/**
 * A kind of VAE: how a {@link ModelSpec}'s sizes become layers. The runtime ({@link Vae}), the objectives,
 * training, evaluation, figures, files and exports work from the {@link Architecture} it declares, so a new
 * kind is one class that implements this, registered in {@link ModelKinds}.
 */
public interface ModelKind {
  /** Its name in options and files, e.g. "mlp". */
  String name();

  /** One line for help texts and reports. */
  String description();

  /** Whether its encoder and decoder take the image's label. */
  boolean conditional();

  /** The hidden width when none is given. */
  int defaultHidden();

  /** The convolution widths when none are given (empty for kinds without convolutions). */
  default java.util.List<Integer> defaultChannels() {
    return java.util.List.of();
  }

  /** The layers of a model of this kind; refuses sizes the kind cannot take (an InvalidSetting). */
  Architecture declare(ModelSpec spec);
}
