package org.vae4j.model;

import org.vae4j.InvalidSetting;

/**
 * The conditional VAE (Sohn, Lee and Yan 2015) on the lab reports' MLP: the label y, one-hot, joins the
 * encoder's input (x ++ y) and the decoder's (z ++ y), so q(z | x, y) and p(x | z, y); z is left to hold
 * what the label does not say, the style.
 */
public final class ConditionalVae implements ModelKind {
  public static final String NAME = "cvae";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "the lab MLP conditioned on the label: (P + C) -> H -> d, (d + C) -> H -> P";
  }

  @Override
  public boolean conditional() {
    return true;
  }

  @Override
  public int defaultHidden() {
    return 512;
  }

  @Override
  public Architecture declare(ModelSpec spec) {
    if (spec.classes() < 2) {
      throw new InvalidSetting("classes", "must be at least 2 for a conditional model, got " + spec.classes());
    }
    return MlpVae.layers(spec);
  }
}
