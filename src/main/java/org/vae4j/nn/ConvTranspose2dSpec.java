package org.vae4j.nn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A 2-D transposed convolution, torch.nn.ConvTranspose2d(C, outChannels, kernel, stride, padding,
 * outputPadding) with a square kernel, on images of the input shape (C, IH, IW): weight (C, outChannels, k, k),
 * bias (outChannels), then the activation. outputPadding (below the stride) adds rows and columns at the
 * bottom and right, to reach the size a Conv2d of that stride would have taken: with kernel 3, stride 2,
 * padding 1 and output padding 1 the image doubles.
 */
public record ConvTranspose2dSpec(String name, Shape input, int outChannels, int kernel, int stride, int padding,
                                  int outputPadding, Activation activation) implements LayerSpec {
  public ConvTranspose2dSpec {
    if (outChannels < 1) {
      throw new IllegalArgumentException(name + ": ConvTranspose2d needs at least one output channel, got "
          + outChannels);
    }
    if (kernel < 1 || stride < 1 || padding < 0 || outputPadding < 0 || outputPadding >= stride) {
      throw new IllegalArgumentException(name + ": ConvTranspose2d needs kernel and stride >= 1, padding >= 0 and "
          + "0 <= output padding < stride, got kernel " + kernel + ", stride " + stride + ", padding " + padding
          + ", output padding " + outputPadding);
    }
    if (outSize(input.height(), stride, padding, kernel, outputPadding) < 1
        || outSize(input.width(), stride, padding, kernel, outputPadding) < 1) {
      throw new IllegalArgumentException(name + ": a ConvTranspose2d of kernel " + kernel + " and padding " + padding
          + " leaves nothing of images of " + input.height() + "x" + input.width());
    }
  }

  private static int outSize(int in, int stride, int padding, int kernel, int outputPadding) {
    return (in - 1) * stride - 2 * padding + kernel + outputPadding;
  }

  /** Where the kernel meets the output: the output image and the grid of input positions. */
  ConvGeometry geometry() {
    Shape out = output();
    return new ConvGeometry(outChannels, out.height(), out.width(), kernel, stride, padding, input.height(),
        input.width());
  }

  @Override
  public String kind() {
    return "ConvTranspose2d";
  }

  /** (outChannels, OH, OW), OH = (IH - 1) stride - 2 padding + kernel + outputPadding, as in PyTorch. */
  @Override
  public Shape output() {
    return new Shape(outChannels, outSize(input.height(), stride, padding, kernel, outputPadding),
        outSize(input.width(), stride, padding, kernel, outputPadding));
  }

  @Override
  public void declare(Parameters.Builder params) {
    params.add(name + ".weight", input.channels(), outChannels, kernel, kernel);
    params.add(name + ".bias", outChannels);
  }

  @Override
  public long parameterCount() {
    return (long) input.channels() * outChannels * kernel * kernel + outChannels;
  }

  @Override
  public long flopsPerImage() {
    return 2L * input.channels() * outChannels * kernel * kernel * input.height() * input.width();
  }

  /** As {@link ConvTranspose2d} makes them: per group of n images, forward's product, then backward's. */
  @Override
  public List<GemmShape> products(int batch, boolean inputGradient) {
    ConvGeometry g = geometry();
    int p = g.positions();
    int k = g.patchSize();
    return ConvBatch.products(batch, k * p, p, n -> List.of(new GemmShape(true, false, k, n * p, input.channels())),
        n -> {
          GemmShape weightGradient = new GemmShape(false, true, input.channels(), k, n * p);
          return inputGradient ? List.of(weightGradient, new GemmShape(false, false, input.channels(), n * p, k))
              : List.of(weightGradient);
        });
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("kind", kind());
    m.put("in_channels", input.channels());
    m.put("out_channels", outChannels);
    m.put("kernel_size", List.of(kernel, kernel));
    m.put("stride", List.of(stride, stride));
    m.put("padding", List.of(padding, padding));
    m.put("output_padding", List.of(outputPadding, outputPadding));
    m.put("input_shape", List.of(input.channels(), input.height(), input.width()));
    m.put("activation", activation.name().toLowerCase(Locale.ROOT));
    return m;
  }

  @Override
  public ConvTranspose2d bind(Parameters params, Gemm gemm, Parallel parallel) {
    return new ConvTranspose2d(params, name, geometry(), activation, gemm, parallel);
  }
}
