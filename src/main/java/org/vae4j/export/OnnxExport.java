package org.vae4j.export;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vae4j.AtomicFile;
import org.vae4j.UserError;
import org.vae4j.model.Architecture;
import org.vae4j.model.ModelSpec;
import org.vae4j.model.Vae;
import org.vae4j.nn.LayerSpec;

/**
 * A model as two ONNX files. encoder.onnx: x (N, P) float pixels -> mean, logvar (N, d), the Gaussian
 * q(z | x). decoder.onnx: z (N, d) -> pixels (N, P), the likelihood's mean (for Bernoulli pixels,
 * sigmoid of the logits: each pixel's probability, shown as its grey level). A conditional model's files
 * also take label (N) int64, each image's class 0..C-1, which they turn one-hot as the model does. Both carry
 * what a user of the files needs in their metadata_props ({@link #metadata}). Opset 17, IR version 8.
 */
public final class OnnxExport {
  public static final String ENCODER_FILE = "encoder.onnx";
  public static final String DECODER_FILE = "decoder.onnx";
  /** How pixels are scaled, in the inputs and the outputs alike. */
  public static final String PIXEL_SCALING = "x / 255: grey levels 0..255 as floats in [0, 1], 0 black";
  static final int OPSET = 17;
  static final int IR_VERSION = 8;

  private OnnxExport() {}

  /** Writes encoder.onnx and decoder.onnx into dir (each atomically); config is the model file's. */
  public static List<Path> write(Path dir, Vae vae, JsonNode config) {
    Map<String, String> metadata = metadata(vae.architecture(), config);
    Path encoder = dir.resolve(ENCODER_FILE);
    Path decoder = dir.resolve(DECODER_FILE);
    ModelProto encoderModel = encoder(vae, metadata);
    ModelProto decoderModel = decoder(vae, metadata);
    AtomicFile.write(encoder, encoderModel::writeTo);
    AtomicFile.write(decoder, decoderModel::writeTo);
    return List.of(encoder, decoder);
  }

  /**
   * The files' metadata_props: kind, latent (d), image_shape ("CxHxW", P = C * H * W pixels per image, row
   * by row), pixel_scaling, likelihood, classes (C; 0 when the model takes no label) and, from the model
   * file's config when it has them, dataset and class_names (a JSON list, index = label).
   */
  public static Map<String, String> metadata(Architecture architecture, JsonNode config) {
    ModelSpec spec = architecture.spec();
    Map<String, String> m = new LinkedHashMap<>();
    m.put("kind", spec.kind());
    m.put("latent", String.valueOf(spec.latent()));
    m.put("image_shape", "1x" + spec.rows() + "x" + spec.cols());
    m.put("pixel_scaling", PIXEL_SCALING);
    m.put("likelihood", architecture.likelihood().name());
    m.put("classes", String.valueOf(spec.classes()));
    if (config.path("dataset").isTextual()) {
      m.put("dataset", config.get("dataset").asText());
    }
    if (config.path("class_names").isArray()) {
      m.put("class_names", config.get("class_names").toString());
    }
    return m;
  }

  // x: (N, P) [, label: (N)] -> mean, logvar: (N, d)
  public static ModelProto encoder(Vae vae, Map<String, String> metadata) {
    Architecture a = vae.architecture();
    OnnxGraph graph = new OnnxGraph("vae4j_encoder", "q(z | x) = N(mean, exp(logvar)) of each image x, pixels "
        + PIXEL_SCALING + (a.conditional() ? "; label: the image's class 0.." + (a.classes() - 1) : ""));
    String h = withLabel(graph, a, graph.floatInput("x", a.input()));
    for (LayerSpec layer : a.encoder()) {
      h = OnnxLayers.add(graph, layer, vae.parameters(), h, null);
    }
    OnnxLayers.add(graph, a.mean(), vae.parameters(), h, "mean");
    OnnxLayers.add(graph, a.logvar(), vae.parameters(), h, "logvar");
    graph.floatOutput("mean", a.latent());
    graph.floatOutput("logvar", a.latent());
    return model(graph, metadata, "the encoder of a vae4j " + a.spec().kind() + " VAE " + a.spec().sizes());
  }

  // z: (N, d) [, label: (N)] -> pixels: (N, P), the likelihood's means
  public static ModelProto decoder(Vae vae, Map<String, String> metadata) {
    Architecture a = vae.architecture();
    OnnxGraph graph = new OnnxGraph("vae4j_decoder", "the image of each code z: the mean of p(x | z) per pixel, "
        + PIXEL_SCALING + (a.conditional() ? "; label: the class 0.." + (a.classes() - 1) + " to draw" : ""));
    String y = withLabel(graph, a, graph.floatInput("z", a.latent()));
    List<LayerSpec> layers = a.decoder();
    for (LayerSpec layer : layers) {
      y = OnnxLayers.add(graph, layer, vae.parameters(), y, null);
    }
    likelihoodMean(graph, a, y, "pixels");
    graph.floatOutput("pixels", a.input());
    return model(graph, metadata, "the decoder of a vae4j " + a.spec().kind() + " VAE " + a.spec().sizes());
  }

  /** For a conditional model: values ++ onehot(label), (N, n + C), as the model's first layers take them. */
  private static String withLabel(OnnxGraph graph, Architecture a, String values) {
    if (!a.conditional()) {
      return values;
    }
    String label = graph.int64Input("label");
    String depth = graph.int64s("classes", a.classes());
    String offOn = graph.floats("off_on", new int[] {2}, new float[] {0, 1}, 0);
    String onehot = graph.node("OneHot", List.of(label, depth, offOn), "onehot", OnnxGraph.integer("axis", -1));
    return graph.node("Concat", List.of(values, onehot), null, OnnxGraph.integer("axis", 1));
  }

  /** The likelihood's mean from its parameters, named output: each likelihood's mapping. */
  private static void likelihoodMean(OnnxGraph graph, Architecture a, String params, String output) {
    switch (a.likelihood().name()) {
      case "bernoulli" -> graph.node("Sigmoid", List.of(params), output);
      default -> throw new UserError("ONNX export does not know the likelihood " + a.likelihood().name());
    }
  }

  private static ModelProto model(OnnxGraph graph, Map<String, String> metadata, String doc) {
    ModelProto.Builder model = ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("vae4j")
        .setDomain("org.vae4j").setModelVersion(1).setDocString(doc)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
        .setGraph(graph.build());
    String version = OnnxExport.class.getPackage().getImplementationVersion();
    if (version != null) {
      model.setProducerVersion(version);
    }
    metadata.forEach((k, v) -> model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
    return model.build();
  }
}
