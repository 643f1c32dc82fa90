package org.vae4j.export;

import java.util.List;
import org.vae4j.UserError;
import org.vae4j.nn.Activation;
import org.vae4j.nn.LayerSpec;
import org.vae4j.nn.Parameters;
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
