package org.vae4j.model;

import java.util.List;
import org.vae4j.InvalidSetting;

/** Every model kind vae4j knows, by name: the one place a new kind is registered. */
public final class ModelKinds {
  public static final List<ModelKind> ALL = List.of(new MlpVae(), new ConditionalVae(), new ConvVae());

  private ModelKinds() {}

  public static ModelKind named(String name) {
    for (ModelKind kind : ALL) {
      if (kind.name().equals(name)) {
        return kind;
      }
    }
    throw new InvalidSetting("kind", "must be one of " + names() + ", got '" + name + "'");
  }

  /** "mlp, cvae", for messages. */
  public static String names() {
    return String.join(", ", ALL.stream().map(ModelKind::name).toList());
  }
}
