package org.vae4j.nn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A 2-D convolution, torch.nn.Conv2d(C, outChannels, kernel, stride, padding) with a square kernel, on images
 * of the input shape (C, H, W): weight (outChannels, C, k, k), bias (outChannels), then the activation.
 */
public record Conv2dSpec(String name, Shape input, int outChannels, int kernel, int stride, int padding,
                         Activation activation) implements LayerSpec {
  public Conv2dSpec {
    if (outChannels < 1) {
      throw new IllegalArgumentException(name + ": Conv2d needs at least one output channel, got " + outChannels);
    }
    if (kernel < 1 || stride < 1 || padding < 0 || input.height() + 2 * padding < kernel
        || input.width() + 2 * padding < kernel) {
      throw new IllegalArgumentException(name + ": a Conv2d of kernel " + kernel + ", stride " + stride
          + " and padding " + padding + " does not fit images of " + input.height() + "x" + input.width());
    }
  }

  /** Where the kernel meets the input: the input image and the grid of output positions. */
  ConvGeometry geometry() {
    return ConvGeometry.over(input, kernel, stride, padding);
  }

  @Override
  public String kind() {
    return "Conv2d";
  }

  /** (outChannels, OH, OW), OH = floor((H + 2 padding - kernel) / stride) + 1, as in PyTorch. */
  @Override
  public Shape output() {
    ConvGeometry g = geometry();
    return new Shape(outChannels, g.gridHeight(), g.gridWidth());
  }

  @Override
  public void declare(Parameters.Builder params) {
    params.add(name + ".weight", outChannels, input.channels(), kernel, kernel);
    params.add(name + ".bias", outChannels);
  }

  @Override
  public long parameterCount() {
    return (long) outChannels * input.channels() * kernel * kernel + outChannels;
  }

  @Override
  public long flopsPerImage() {
    return 2L * outChannels * input.channels() * kernel * kernel * output().height() * output().width();
  }

  /** As {@link Conv2d} makes them: per group of n images, forward's product, then backward's. */
  @Override
  public List<GemmShape> products(int batch, boolean inputGradient) {
    ConvGeometry g = geometry();
    int p = g.positions();
    int k = g.patchSize();
    return ConvBatch.products(batch, k * p, p, n -> List.of(new GemmShape(false, false, outChannels, n * p, k)),
        n -> {
          GemmShape weightGradient = new GemmShape(false, true, outChannels, k, n * p);
          return inputGradient ? List.of(weightGradient, new GemmShape(true, false, k, n * p, outChannels))
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
    m.put("input_shape", List.of(input.channels(), input.height(), input.width()));
    m.put("activation", activation.name().toLowerCase(Locale.ROOT));
    return m;
  }

  @Override
  public Conv2d bind(Parameters params, Gemm gemm, Parallel parallel) {
    return new Conv2d(params, name, geometry(), activation, gemm, parallel);
  }
}
