package org.vae4j.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.UserError;
import org.vae4j.data.ImageSet;
import org.vae4j.data.TestData;
import org.vae4j.model.Architecture;
import org.vae4j.model.ModelSpec;
import org.vae4j.model.TestModels;
import org.vae4j.model.Vae;
import org.vae4j.nn.Activation;
import org.vae4j.nn.Gemm;
import org.vae4j.nn.GemmShape;
import org.vae4j.nn.LayerSpec;
import org.vae4j.nn.Layer;
import org.vae4j.nn.Parallel;
import org.vae4j.nn.Parameters;
import org.vae4j.nn.ReferenceGemm;
import org.vae4j.nn.Rng;
import org.vae4j.nn.Shape;

/**
 * The exported files run in ONNX Runtime give what vae4j computes: the encoder's mean and logvar and the
 * decoder's pixels on real MNIST digits and prior codes, for every model kind, within 1e-5 of the tensor's
 * scale (the failure names the tensor and its largest difference).
 */
class OnnxExportTest {
  private static final double TOLERANCE = 1e-5;

  @TempDir
  Path dir;

  @Test
  void theMlpModelsFilesGiveVae4jsNumbersInOnnxRuntime() throws Exception {
    check(TestModels.mlp(784, 64, 8), 100);
  }

  @Test
  void theConditionalModelsFilesTakeTheLabelAsInt64() throws Exception {
    check(TestModels.cvae(784, 64, 8, 10), 100);
  }

  @Test
  void theConvModelsFilesReshapeToImagesAndBack() throws Exception {
    check(TestModels.conv(28, 28, List.of(4, 8), 16, 5), 20);
  }

  @Test
  void aBatchOfOneImageRunsToo() throws Exception {
    check(TestModels.cvae(784, 32, 2, 10), 1);
  }

  @Test
  void theFilesSayWhatTheModelIsInTheirMetadataAndDeclareABatchDimension() throws Exception {
    Vae vae = model(TestModels.cvae(784, 16, 3, 10));
    ObjectNode config = TestModels.json("dataset", "shapes", "class_names", List.of("a", "b", "c"));
    OnnxExport.write(dir, vae, config);
    try (OnnxRuntimeSession encoder = new OnnxRuntimeSession(dir.resolve(OnnxExport.ENCODER_FILE));
         OnnxRuntimeSession decoder = new OnnxRuntimeSession(dir.resolve(OnnxExport.DECODER_FILE))) {
      for (Map<String, String> metadata : List.of(encoder.metadata(), decoder.metadata())) {
        assertThat(metadata).containsEntry("kind", "cvae").containsEntry("latent", "3")
            .containsEntry("image_shape", "1x28x28").containsEntry("likelihood", "bernoulli")
            .containsEntry("classes", "10").containsEntry("pixel_scaling", OnnxExport.PIXEL_SCALING)
            .containsEntry("dataset", "shapes").containsEntry("class_names", "[\"a\",\"b\",\"c\"]");
      }
      assertThat(encoder.inputs()).containsOnlyKeys("x", "label");
      assertThat(encoder.inputs().get("x")).containsExactly(-1, 784);
      assertThat(encoder.inputs().get("label")).containsExactly(-1);
      assertThat(decoder.inputs().get("z")).containsExactly(-1, 3);
    }
  }

  @Test
  void aLayerKindWithoutAnOnnxMappingIsAOneLineError() {
    Architecture a = TestModels.mlp(784, 16, 3).architecture();
    LayerSpec strange = new LayerSpec() {
      @Override public String name() { return "decoder.strange"; }
      @Override public String kind() { return "Strange"; }
      @Override public Shape input() { return Shape.flat(3); }
      @Override public Shape output() { return Shape.flat(784); }
      @Override public Activation activation() { return Activation.NONE; }
      @Override public void declare(Parameters.Builder params) { }
      @Override public long parameterCount() { return 0; }
      @Override public long flopsPerImage() { return 0; }
      @Override public List<GemmShape> products(int batch, boolean inputGradient) { return List.of(); }
      @Override public Map<String, Object> describe() { return Map.of(); }
      @Override public Layer bind(Parameters params, Gemm gemm, Parallel parallel) { return null; }
    };
    Architecture withStrange = new Architecture(a.spec(), a.encoder(), a.mean(), a.logvar(), List.of(strange),
        a.likelihood());
    Vae vae = new Vae(withStrange, new ReferenceGemm());
    assertThatThrownBy(() -> OnnxExport.decoder(vae, Map.of())).isInstanceOf(UserError.class)
        .hasMessage("layer decoder.strange: ONNX export does not know layers of kind Strange");
  }

  /** Exports a randomly initialized model of spec and compares both files with vae4j on n images and codes. */
  private void check(ModelSpec spec, int n) throws Exception {
    Vae vae = model(spec);
    OnnxExport.write(dir, vae, TestModels.json("dataset", "mnist"));
    ImageSet test = TestData.mnist().test();
    float[] x = new float[n * vae.input()];
    test.toFloats(0, n, x);
    int[] labels = new int[n];
    test.labels(0, n, labels);
    long[] label = vae.conditional() ? java.util.Arrays.stream(labels).asLongStream().toArray() : null;
    float[] z = new float[n * vae.latent()];
    new Rng(2).fillGaussian(z, 0, z.length);

    vae.encode(x, labels, n);
    Map<String, float[]> encoded;
    try (OnnxRuntimeSession encoder = new OnnxRuntimeSession(dir.resolve(OnnxExport.ENCODER_FILE))) {
      encoded = encoder.run(Map.of("x", x), n, label);
    }
    Map<String, float[]> decoded;
    try (OnnxRuntimeSession decoder = new OnnxRuntimeSession(dir.resolve(OnnxExport.DECODER_FILE))) {
      decoded = decoder.run(Map.of("z", z), n, label);
    }
    assertThat(encoded).containsOnlyKeys("mean", "logvar");
    assertThat(decoded).containsOnlyKeys("pixels");
    assertAgree(Agreement.of("mean", encoded.get("mean"), vae.mean()));
    assertAgree(Agreement.of("logvar", encoded.get("logvar"), vae.logvar()));
    assertAgree(Agreement.of("pixels", decoded.get("pixels"), vae.decode(z, labels, n)));
  }

  private static void assertAgree(Agreement a) {
    assertThat(a.relative()).as(a.toString()).isLessThanOrEqualTo(TOLERANCE);
  }

  /** A model of spec with PyTorch's initialization, its workspace sized exactly for the comparisons. */
  private static Vae model(ModelSpec spec) {
    Vae vae = new Vae(spec.architecture(), new ReferenceGemm());
    vae.init(new Rng(7));
    return vae;
  }
}
