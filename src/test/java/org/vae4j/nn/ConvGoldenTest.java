package org.vae4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The convolution layers against torch.nn.Conv2d and ConvTranspose2d: tools/pytorch/make_golden.py stored, for
 * layers of several geometries, PyTorch's initial weight and bias, an input x and an output gradient dy, the
 * output and the gradients of weight, bias and x; each engine recomputes them, every tensor within 1e-5 of its
 * scale (seen: at most a few 1e-7).
 */
class ConvGoldenTest {
  private static final String FILE = "/golden/conv_layers_golden.safetensors";

  static Stream<Named<String>> engines() {
    return Stream.of("reference", GemmEngines.JAVA_AUTOVEC, GemmEngines.JAVA_VECTOR, GemmEngines.NATIVE)
        .map(e -> Named.of(e, e));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("engines")
  void layersMatchPyTorch(String engine) throws Exception {
    SafeTensors.Contents contents = SafeTensors.read(Path.of(ConvGoldenTest.class.getResource(FILE).toURI()));
    JsonNode config = new ObjectMapper().readTree(contents.metadata().get("config"));
    Map<String, SafeTensors.Entry> golden = contents.tensors();
    int batch = config.get("batch").asInt();
    List<String> lines = new ArrayList<>();
    boolean failed = false;
    try (Parallel parallel = new Parallel(2)) {
      Gemm gemm = engine.equals("reference") ? new ReferenceGemm() : GemmEngines.create(engine, parallel, System.err);
      int i = 0;
      for (JsonNode description : config.get("layers")) {
        String c = "case" + i++ + ".";
        LayerSpec spec = spec(description);
        Parameters.Builder layout = new Parameters.Builder();
        spec.declare(layout);
        Parameters params = layout.build();
        Tensor w = params.tensor("layer.weight");
        Tensor b = params.tensor("layer.bias");
        assertThat(golden.get(c + "weight").shape()).as(c + "weight").containsExactly(w.shape());
        System.arraycopy(golden.get(c + "weight").data(), 0, params.values(), w.offset(), w.size());
        System.arraycopy(golden.get(c + "bias").data(), 0, params.values(), b.offset(), b.size());
        Layer layer = spec.bind(params, gemm, parallel);
        float[] x = golden.get(c + "x").data();
        float[] y = new float[batch * spec.output().size()];
        float[] dx = new float[x.length];
        float[] scratch = new float[Math.toIntExact(layer.scratchSize(batch))];
        layer.forward(y, x, batch, scratch);
        layer.backward(dx, golden.get(c + "dy").data().clone(), x, y, batch, scratch);
        String name = c + spec.kind();
        failed |= compare(lines, name + " y", y, 0, golden.get(c + "y"));
        failed |= compare(lines, name + " grad.weight", params.grads(), w.offset(), golden.get(c + "grad.weight"));
        failed |= compare(lines, name + " grad.bias", params.grads(), b.offset(), golden.get(c + "grad.bias"));
        failed |= compare(lines, name + " grad.x", dx, 0, golden.get(c + "grad.x"));
      }
    }
    if (failed) {
      fail("vae4j (" + engine + ") differs from PyTorch:\n" + String.join("\n", lines));
    }
  }

  /** A layer from its description in a model file's "layers" list, named "layer". */
  private static LayerSpec spec(JsonNode d) {
    JsonNode shape = d.get("input_shape");
    Shape input = new Shape(shape.get(0).asInt(), shape.get(1).asInt(), shape.get(2).asInt());
    Activation activation = Activation.valueOf(d.get("activation").asText().toUpperCase(Locale.ROOT));
    int out = d.get("out_channels").asInt();
    int kernel = d.get("kernel_size").get(0).asInt();
    int stride = d.get("stride").get(0).asInt();
    int padding = d.get("padding").get(0).asInt();
    return d.get("kind").asText().equals("Conv2d")
        ? new Conv2dSpec("layer", input, out, kernel, stride, padding, activation)
        : new ConvTranspose2dSpec("layer", input, out, kernel, stride, padding, d.get("output_padding").get(0).asInt(),
            activation);
  }

  /** Adds a line with the largest difference; true when it is above 1e-5 of the tensor's scale (plus 1e-7). */
  private static boolean compare(List<String> lines, String name, float[] actual, int off, SafeTensors.Entry expected) {
    float[] e = expected.data();
    double diff = 0;
    double scale = 0;
    for (int i = 0; i < e.length; i++) {
      diff = Math.max(diff, Math.abs(actual[off + i] - e[i]));
      scale = Math.max(scale, Math.abs(e[i]));
    }
    boolean off1 = diff > 1e-7 + 1e-5 * scale;
    lines.add(String.format(Locale.ROOT, "%-36s max diff %.3e (scale %.3e) %s", name, diff, scale,
        off1 ? "<-- OFF" : "OK"));
    return off1;
  }
}
