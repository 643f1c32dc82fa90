package org.vae4j.export;

import java.util.List;
import org.vae4j.UserError;
import org.vae4j.nn.Activation;
import org.vae4j.nn.Conv2dSpec;
import org.vae4j.nn.ConvTranspose2dSpec;
import org.vae4j.nn.LayerSpec;
import org.vae4j.nn.Parameters;
import org.vae4j.nn.Shape;
import org.vae4j.nn.Tensor;

/**
 * Each kind of layer as ONNX nodes: the one place where a kind of {@link LayerSpec} gets its mapping. Values
 * flow between layers as vae4j keeps them, (N, size) with each image's values in (channels, height, width)
 * order, which is ONNX's NCHW flattened; a kind that needs its input shaped reshapes it, and flattens its
 * output. The parameters become initializers under their state_dict names.
 */
final class OnnxLayers {
  private OnnxLayers() {}

  // x: the name of (N, in) values -> the name of (N, out) values, called output when that is not null
  static String add(OnnxGraph graph, LayerSpec layer, Parameters params, String x, String output) {
    return switch (layer.kind()) {
      case "Linear" -> linear(graph, layer, params, x, output);
      case "Conv2d" -> conv(graph, (Conv2dSpec) layer, params, x, output);
      case "ConvTranspose2d" -> convTranspose(graph, (ConvTranspose2dSpec) layer, params, x, output);
      default -> throw new UserError("layer " + layer.name() + ": ONNX export does not know layers of kind "
          + layer.kind());
    };
  }

  // y: (N, out) = activation(x (N, in) W^T + b), W: (out, in), b: (out), as torch.nn.Linear
  private static String linear(OnnxGraph graph, LayerSpec layer, Parameters params, String x, String output) {
    String weight = parameter(graph, params, layer.name() + ".weight");
    String bias = parameter(graph, params, layer.name() + ".bias");
    boolean activated = layer.activation() != Activation.NONE;
    String y = graph.node("Gemm", List.of(x, weight, bias), activated ? null : output,
        OnnxGraph.integer("transB", 1));
    return activated ? activation(graph, layer, y, output) : y;
  }

  // y: (N, OC OH OW) = activation(conv(x (N, C H W) as NCHW, W) + b), W: (OC, C, k, k), as torch.nn.Conv2d
  private static String conv(OnnxGraph graph, Conv2dSpec layer, Parameters params, String x, String output) {
    int k = layer.kernel(), s = layer.stride(), p = layer.padding();
    String y = graph.node("Conv", List.of(images(graph, layer, x), parameter(graph, params, layer.name() + ".weight"),
            parameter(graph, params, layer.name() + ".bias")), null, OnnxGraph.integers("kernel_shape", k, k),
        OnnxGraph.integers("strides", s, s), OnnxGraph.integers("pads", p, p, p, p));
    return flattened(graph, layer, activation(graph, layer, y, null), output);
  }

  // y: (N, OC OH OW) = activation(the transposed convolution of x (N, C IH IW) as NCHW + b), W: (C, OC, k, k),
  // as torch.nn.ConvTranspose2d, whose output padding ONNX adds at the same (bottom and right) side
  private static String convTranspose(OnnxGraph graph, ConvTranspose2dSpec layer, Parameters params, String x,
                                      String output) {
    int k = layer.kernel(), s = layer.stride(), p = layer.padding(), o = layer.outputPadding();
    String y = graph.node("ConvTranspose", List.of(images(graph, layer, x),
            parameter(graph, params, layer.name() + ".weight"), parameter(graph, params, layer.name() + ".bias")),
        null, OnnxGraph.integers("kernel_shape", k, k), OnnxGraph.integers("strides", s, s),
        OnnxGraph.integers("pads", p, p, p, p), OnnxGraph.integers("output_padding", o, o));
    return flattened(graph, layer, activation(graph, layer, y, null), output);
  }

  // x: (N, C H W) -> (N, C, H, W) of the layer's input shape
  private static String images(OnnxGraph graph, LayerSpec layer, String x) {
    Shape in = layer.input();
    String shape = graph.int64s(layer.name() + ".input_shape", -1, in.channels(), in.height(), in.width());
    return graph.node("Reshape", List.of(x, shape), null);
  }

  // y: (N, C, H, W) -> (N, C H W), named output when that is not null
  private static String flattened(OnnxGraph graph, LayerSpec layer, String y, String output) {
    String shape = graph.int64s(layer.name() + ".output_shape", -1, layer.output().size());
    return graph.node("Reshape", List.of(y, shape), output);
  }

  // y = activation(x), element-wise
  private static String activation(OnnxGraph graph, LayerSpec layer, String x, String output) {
    return switch (layer.activation()) {
      case NONE -> x;
      case RELU -> graph.node("Relu", List.of(x), output);
    };
  }

  /** The parameter tensor as an initializer of its own name and shape. */
  private static String parameter(OnnxGraph graph, Parameters params, String name) {
    Tensor t = params.tensor(name);
    return graph.floats(name, t.shape(), params.values(), t.offset());
  }
}
