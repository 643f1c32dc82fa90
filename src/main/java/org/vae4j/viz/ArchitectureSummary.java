package org.vae4j.viz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vae4j.model.Vae;
import org.vae4j.model.VaeConfig;

/**
 * The model's layers, output shapes and parameter counts, printed like Keras' model.summary(). Counts come
 * from the shapes alone (weight in x out plus bias out), so no model file is needed.
 */
public final class ArchitectureSummary {
  /** One row: the layer's name, its kind, the output width per image, its parameter count. */
  public record Layer(String name, String kind, int outputs, long params) {}

  private ArchitectureSummary() {}

  public static List<Layer> layers(VaeConfig c) {
    List<Layer> layers = new ArrayList<>();
    layers.add(new Layer("x", "Input", c.input(), 0));
    layers.add(new Layer(Vae.ENCODER_HIDDEN, "Linear + ReLU", c.hidden(), linear(c.input(), c.hidden())));
    layers.add(new Layer(Vae.ENCODER_MEAN, "Linear", c.latent(), linear(c.hidden(), c.latent())));
    layers.add(new Layer(Vae.ENCODER_LOGVAR, "Linear", c.latent(), linear(c.hidden(), c.latent())));
    layers.add(new Layer("z", "mean + exp(logvar/2) * eps", c.latent(), 0));
    layers.add(new Layer(Vae.DECODER_HIDDEN, "Linear + ReLU", c.hidden(), linear(c.latent(), c.hidden())));
    layers.add(new Layer(Vae.DECODER_OUTPUT, "Linear + sigmoid", c.input(), linear(c.hidden(), c.input())));
    return layers;
  }

  public static long totalParams(VaeConfig c) {
    return layers(c).stream().mapToLong(Layer::params).sum();
  }

  private static long linear(int in, int out) {
    return (long) in * out + out;
  }

  /** The summary table; image is e.g. "28x28 mnist" or empty. */
  public static String text(VaeConfig c, String image) {
    String rule = "_".repeat(76) + "\n";
    String doubleRule = "=".repeat(76) + "\n";
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "Model: \"vae\" (MLP VAE %d-%d-%d%s)%n", c.input(), c.hidden(), c.latent(),
        image.isEmpty() ? "" : ", " + image));
    s.append(rule);
    s.append(String.format(Locale.ROOT, " %-46s %-16s %10s%n", "Layer (type)", "Output Shape", "Param #"));
    s.append(doubleRule);
    List<Layer> layers = layers(c);
    for (int i = 0; i < layers.size(); i++) {
      Layer l = layers.get(i);
      s.append(String.format(Locale.ROOT, " %-46s %-16s %10s%n", l.name() + " (" + l.kind() + ")",
          "(None, " + l.outputs() + ")", String.format(Locale.ROOT, "%,d", l.params())));
      s.append(i + 1 < layers.size() ? "\n" : "");
    }
    s.append(doubleRule);
    long total = totalParams(c);
    s.append(String.format(Locale.ROOT, "Total params: %,d (%.2f MB as float32)%n", total, total * 4 / 1e6));
    s.append(String.format(Locale.ROOT, "Trainable params: %,d%n", total));
    s.append("Non-trainable params: 0\n");
    s.append(rule);
    s.append("eps ~ N(0, I) is drawn per image; the loss is BCE(x, decoder output) summed over pixels\n"
        + "plus KL(N(mean, exp(logvar)) || N(0, I)).\n");
    return s.toString();
  }
}
