package org.vae4j.viz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vae4j.model.Architecture;
import org.vae4j.nn.LayerSpec;
import org.vae4j.nn.Shape;

/**
 * A model's layers, output shapes and parameter counts, printed like Keras' model.summary(), all derived
 * from its declared {@link Architecture}: no model file is needed.
 */
public final class ArchitectureSummary {
  /** One row: the layer's name, its kind, its output shape per image, its parameter count. */
  public record Layer(String name, String kind, Shape output, long params) {}

  private ArchitectureSummary() {}

  /** The rows in the order data flows: inputs, encoder, heads, z, decoder. */
  public static List<Layer> layers(Architecture a) {
    List<Layer> rows = new ArrayList<>();
    Shape image = a.encoder().get(0).input();
    int c = a.classes();
    if (c > 0) {
      rows.add(new Layer("x", "Input", Shape.flat(a.input()), 0));
      rows.add(new Layer("y", "Input, one-hot label", Shape.flat(c), 0));
      rows.add(new Layer("x ++ y", "Concatenate", image, 0));
    } else {
      rows.add(new Layer("x", "Input", image, 0));
    }
    a.encoder().forEach(l -> rows.add(row(l, "")));
    rows.add(row(a.mean(), ""));
    rows.add(row(a.logvar(), ""));
    rows.add(new Layer("z", "mean + exp(logvar/2) * eps", Shape.flat(a.latent()), 0));
    if (c > 0) {
      rows.add(new Layer("z ++ y", "Concatenate", Shape.flat(a.latent() + c), 0));
    }
    List<LayerSpec> decoder = a.decoder();
    for (int i = 0; i < decoder.size(); i++) {
      boolean last = i == decoder.size() - 1;
      rows.add(row(decoder.get(i), last ? " -> " + a.likelihood().name() : ""));
    }
    return rows;
  }

  private static Layer row(LayerSpec l, String suffix) {
    return new Layer(l.name(), l.kind() + l.activation().suffix() + suffix, l.output(), l.parameterCount());
  }

  /** The summary table; image is e.g. "28x28 mnist" or empty. */
  public static String text(Architecture a, String image) {
    String rule = "_".repeat(76) + "\n";
    String doubleRule = "=".repeat(76) + "\n";
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "Model: \"vae\" (%s, %s%s)%n", a.spec().kind(), a.spec().sizes(),
        image.isEmpty() ? "" : ", " + image));
    s.append(rule);
    s.append(String.format(Locale.ROOT, " %-46s %-16s %10s%n", "Layer (type)", "Output Shape", "Param #"));
    s.append(doubleRule);
    List<Layer> layers = layers(a);
    for (int i = 0; i < layers.size(); i++) {
      Layer l = layers.get(i);
      s.append(String.format(Locale.ROOT, " %-46s %-16s %10s%n", l.name() + " (" + l.kind() + ")",
          l.output().describe(), String.format(Locale.ROOT, "%,d", l.params())));
      s.append(i + 1 < layers.size() ? "\n" : "");
    }
    s.append(doubleRule);
    long total = a.parameterCount();
    s.append(String.format(Locale.ROOT, "Total params: %,d (%.2f MB as float32)%n", total, total * 4 / 1e6));
    s.append(String.format(Locale.ROOT, "Trainable params: %,d%n", total));
    s.append("Non-trainable params: 0\n");
    s.append(String.format(Locale.ROOT, "FLOPs per image: encode %s, decode %s; a training step %s%n",
        mega(a.encoderFlopsPerImage()), mega(a.decoderFlopsPerImage()), mega(a.trainingFlopsPerImage(1))));
    s.append(rule);
    s.append("eps ~ N(0, I) is drawn per image; p(x|z) is " + a.likelihood().name() + " with the decoder's\n"
        + "output as its parameters. The objective (train --objective) adds -log p(x|z) and the\n"
        + "KL(N(mean, exp(logvar)) || N(0, I)) of each image.\n");
    return s.toString();
  }

  private static String mega(long flops) {
    return String.format(Locale.ROOT, "%.2f MFLOP", flops / 1e6);
  }
}
