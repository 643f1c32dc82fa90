package org.vae4j.model;

import java.util.ArrayList;
import java.util.List;
import org.vae4j.InvalidSetting;
import org.vae4j.nn.Activation;
import org.vae4j.nn.Conv2dSpec;
import org.vae4j.nn.ConvTranspose2dSpec;
import org.vae4j.nn.LayerSpec;
import org.vae4j.nn.LinearSpec;
import org.vae4j.nn.Shape;

/**
 * The convolutional VAE of the Keras VAE example, with channel widths c1 .. cn (default 32, 64) and a dense
 * width H (default 16). Encoder: the image (1, R, C) -> n Conv2d(3 x 3, stride 2, padding 1, ReLU) of c1 .. cn
 * channels, each halving the image -> flattened (cn R/2^n C/2^n) -> Linear(H, ReLU) -> mean and logvar (d
 * each). Decoder: z (d) -> Linear(cn R/2^n C/2^n, ReLU) -> ConvTranspose2d(3 x 3, stride 2, padding 1, output
 * padding 1, ReLU) of cn, then c(n-1) .. c1 channels, each doubling the image -> ConvTranspose2d(c1 -> 1, 3 x
 * 3, stride 1, padding 1): the logits of Bernoulli pixels. With the defaults on MNIST: 28x28 -> 32x14x14 ->
 * 64x7x7 -> 16 -> d -> 3136 = 64x7x7 -> 64x14x14 -> 32x28x28 -> 1x28x28.
 */
public final class ConvVae implements ModelKind {
  public static final String NAME = "conv";
  /** Conv2d layers at most: each halves the image. */
  public static final int MAX_LAYERS = 6;
  private static final int KERNEL = 3;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "the Keras example's convolutional VAE: Conv2d 32, 64 (stride 2) -> H -> d, d -> ConvTranspose2d 64, 64, "
        + "32 -> 1 Bernoulli logits";
  }

  @Override
  public boolean conditional() {
    return false;
  }

  @Override
  public int defaultHidden() {
    return 16;
  }

  @Override
  public List<Integer> defaultChannels() {
    return List.of(32, 64);
  }

  @Override
  public Architecture declare(ModelSpec spec) {
    if (spec.classes() != 0) {
      throw new InvalidSetting("classes", "must be 0 for the unconditional " + NAME + " model, got " + spec.classes());
    }
    List<Integer> channels = spec.channels();
    int n = channels.size();
    if (n < 1 || n > MAX_LAYERS) {
      throw new InvalidSetting("channels", "must list 1 to " + MAX_LAYERS + " widths for the " + NAME
          + " model, got " + channels);
    }
    int scale = 1 << n;
    if (spec.rows() % scale != 0 || spec.cols() % scale != 0) {
      throw new InvalidSetting("rows", "x cols " + spec.rows() + " x " + spec.cols() + " cannot be halved " + n
          + " times by the " + NAME + " model's stride-2 layers: both must be divisible by " + scale);
    }
    Shape image = new Shape(1, spec.rows(), spec.cols());
    List<LayerSpec> encoder = new ArrayList<>();
    Shape shape = image;
    for (int i = 0; i < n; i++) {
      Conv2dSpec conv = new Conv2dSpec("encoder.conv" + (i + 1), shape, channels.get(i), KERNEL, 2, 1, Activation.RELU);
      encoder.add(conv);
      shape = conv.output();
    }
    Shape smallest = shape;
    int h = spec.hidden();
    encoder.add(new LinearSpec("encoder.hidden", smallest.size(), h, Activation.RELU));
    int d = spec.latent();
    List<LayerSpec> decoder = new ArrayList<>();
    decoder.add(new LinearSpec("decoder.hidden", d, smallest.size(), Activation.RELU));
    shape = smallest;
    for (int j = 1; j <= n; j++) { // out: cn, then c(n-1) .. c1
      ConvTranspose2dSpec deconv = new ConvTranspose2dSpec("decoder.deconv" + j, shape, channels.get(n - j), KERNEL,
          2, 1, 1, Activation.RELU);
      decoder.add(deconv);
      shape = deconv.output();
    }
    decoder.add(new ConvTranspose2dSpec("decoder.output", shape, 1, KERNEL, 1, 1, 0, Activation.NONE));
    return new Architecture(spec, encoder, new LinearSpec("encoder.mean", h, d, Activation.NONE),
        new LinearSpec("encoder.logvar", h, d, Activation.NONE), decoder, Bernoulli.INSTANCE);
  }
}
