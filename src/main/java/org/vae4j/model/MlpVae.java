package org.vae4j.model;

import java.util.List;
import org.vae4j.InvalidSetting;
import org.vae4j.nn.Activation;
import org.vae4j.nn.LinearSpec;

/**
 * The lab reports' VAE. Encoder: x (P) -> relu(hidden) (H) -> mean, logvar (d each); decoder: z (d) ->
 * relu(hidden) (H) -> output (P), the logits of Bernoulli pixels. A conditional spec (classes C > 0) adds
 * the label, one-hot, to both inputs: x ++ y (P + C) and z ++ y (d + C).
 */
public final class MlpVae implements ModelKind {
  public static final String NAME = "mlp";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "the lab reports' VAE: P -> H (ReLU) -> d, d -> H (ReLU) -> P Bernoulli logits";
  }

  @Override
  public boolean conditional() {
    return false;
  }

  @Override
  public int defaultHidden() {
    return 512;
  }

  @Override
  public Architecture declare(ModelSpec spec) {
    if (spec.classes() != 0) {
      throw new InvalidSetting("classes", "must be 0 for the unconditional " + NAME + " model, got " + spec.classes());
    }
    return layers(spec);
  }

  /** The MLP's layers, taking the one-hot label when spec.classes() > 0. */
  static Architecture layers(ModelSpec spec) {
    if (!spec.channels().isEmpty()) {
      throw new InvalidSetting("channels", "are for convolutional models; " + spec.kind() + " has none");
    }
    int p = spec.input();
    int h = spec.hidden();
    int d = spec.latent();
    int c = spec.classes();
    return new Architecture(spec,
        List.of(new LinearSpec("encoder.hidden", p + c, h, Activation.RELU)),
        new LinearSpec("encoder.mean", h, d, Activation.NONE),
        new LinearSpec("encoder.logvar", h, d, Activation.NONE),
        List.of(new LinearSpec("decoder.hidden", d + c, h, Activation.RELU),
            new LinearSpec("decoder.output", h, p, Activation.NONE)),
        Bernoulli.INSTANCE);
  }
}
