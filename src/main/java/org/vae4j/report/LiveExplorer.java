package org.vae4j.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.vae4j.data.ImageSet;
import org.vae4j.model.Bernoulli;
import org.vae4j.model.Inference;
import org.vae4j.model.Vae;
import org.vae4j.nn.Activation;
import org.vae4j.nn.LayerSpec;
import org.vae4j.nn.LinearSpec;
import org.vae4j.nn.Tensor;
import org.vae4j.viz.LatentPlane;
import org.vae4j.viz.LatentSliders;

/**
 * The live latent map and sliders of report.html, for the kinds whose decoder is Linear layers (ReLU or
 * none) to Bernoulli logits, the MLP kinds: the page decodes in its own JavaScript from the decoder's
 * weights, embedded as base64 float32, so that a report sent to someone still explores with no server.
 * Other kinds get no live section. Per model it adds the decoder's parameters (4 bytes each, 4/3 in
 * base64: 2.2 MB for d = 20, H = 512) and the map of 1,000 test means (some 25 kB).
 */
public final class LiveExplorer {
  /** Test images on each model's map. */
  static final int MAP_IMAGES = 1000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private LiveExplorer() {}

  /** Whether the page can decode this model itself: Linear decoder layers to a Bernoulli likelihood. */
  public static boolean decodable(Vae vae) {
    return vae.likelihood() == Bernoulli.INSTANCE && vae.architecture().decoder().stream().allMatch(l ->
        l instanceof LinearSpec && (l.activation() == Activation.RELU || l.activation() == Activation.NONE));
  }

  /** A model's data for the page, or null when it is not {@link #decodable}; test: the images on its map. */
  public static ObjectNode data(String label, Vae vae, ImageSet test) {
    if (!decodable(vae)) {
      return null;
    }
    int n = Math.min(MAP_IMAGES, test.count());
    int d = vae.latent();
    float[] x = new float[n * test.pixels()];
    test.toFloats(0, n, x);
    int[] labels = new int[n];
    test.labels(0, n, labels);
    float[] means = new Inference(vae).encode(x, vae.conditional() ? labels : null, n).mean();
    LatentPlane plane = LatentPlane.of(means, n, d);
    ObjectNode m = JSON.createObjectNode();
    m.put("label", label);
    m.put("latent", d);
    m.put("classes", vae.classes());
    m.put("rows", vae.spec().rows());
    m.put("cols", vae.spec().cols());
    ArrayNode layers = m.putArray("decoder");
    for (LayerSpec layer : vae.architecture().decoder()) {
      LinearSpec linear = (LinearSpec) layer;
      ObjectNode l = layers.addObject();
      l.put("in", linear.in());
      l.put("out", linear.out());
      l.put("relu", linear.activation() == Activation.RELU);
      l.put("weight", base64(vae, linear.name() + ".weight"));
      l.put("bias", base64(vae, linear.name() + ".bias"));
    }
    ObjectNode p = m.putObject("plane");
    p.put("principal", plane.principal());
    numbers(p.putArray("origin"), plane.origin());
    ArrayNode axes = p.putArray("axes");
    numbers(axes.addArray(), plane.axis(0));
    numbers(axes.addArray(), plane.axis(1));
    ObjectNode points = m.putObject("points");
    ArrayNode xs = points.putArray("x");
    ArrayNode ys = points.putArray("y");
    ArrayNode digits = points.putArray("digit");
    for (int i = 0; i < n; i++) {
      double[] xy = plane.project(means, i);
      xs.add(round(xy[0]));
      ys.add(round(xy[1]));
      digits.add(labels[i]);
    }
    ArrayNode sliders = m.putArray("sliders");
    for (LatentSliders.Slider s : LatentSliders.of(means, n, d)) {
      sliders.addObject().put("dim", s.dim()).put("min", round(s.min())).put("max", round(s.max()));
    }
    return m;
  }

  /** A parameter tensor as base64 of its float32 values, little-endian. */
  private static String base64(Vae vae, String name) {
    Tensor t = vae.parameters().tensor(name);
    ByteBuffer bytes = ByteBuffer.allocate(4 * t.size()).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(vae.parameters().values(), t.offset(), t.size());
    return Base64.getEncoder().encodeToString(bytes.array());
  }

  private static double round(double v) {
    return Math.round(v * 1e4) / 1e4;
  }

  private static void numbers(ArrayNode array, double[] values) {
    for (double v : values) {
      array.add(round(v));
    }
  }

  /** The report's live section for these models' data: markup, the data, and the page's scripts inlined. */
  static String section(List<ObjectNode> models) {
    ObjectNode root = JSON.createObjectNode();
    root.putArray("models").addAll(models);
    String json;
    try {
      json = JSON.writeValueAsString(root).replace("<", "\\u003c"); // no "</script>" inside the data
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    return String.format(Locale.ROOT, """
        <section class="live" id="live">
        <p class="note">Decoded in this page's JavaScript from the decoders' weights embedded in it (%.1f MB of the \
        report), so it works from disk with no server; <code>vae4j serve</code> offers more (drawing, scores, \
        interpolation). Hover over the map or drag the sliders.</p>
        <label>model <select id="live-model"></select></label>
        <div class="live-row">
        <div><canvas id="live-map" width="360" height="360"></canvas>
        <div id="live-legend" class="live-legend"></div></div>
        <div><canvas id="live-decoded" width="168" height="168"></canvas>
        <div id="live-digits" class="live-digits"></div></div>
        <div id="live-sliders" class="live-sliders"></div>
        </div>
        <script type="application/json" id="vae4j-explorer-data">%s</script>
        <script>%s</script>
        <script>%s</script>
        </section>
        """, json.length() / 1e6, json, script("latent-map.js"), script("report-explorer.js"));
  }

  private static String script(String name) {
    try (InputStream in = LiveExplorer.class.getResourceAsStream("/org/vae4j/web/" + name)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks /org/vae4j/web/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("</", "<\\/");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static final String CSS = """
      .live-row { display: flex; gap: 18px; align-items: flex-start; flex-wrap: wrap; margin-top: 8px; }
      .live canvas { image-rendering: pixelated; display: block; }
      #live-map { border: 1px solid #ccc; cursor: crosshair; touch-action: none; }
      #live-decoded { background: #000; }
      .live-sliders { display: grid; grid-template-columns: repeat(auto-fill, minmax(210px, 1fr)); gap: 2px 12px;
                      flex: 1; min-width: 240px; max-height: 380px; overflow-y: auto; }
      .live-sliders label { display: grid; grid-template-columns: 32px 1fr 44px; gap: 6px; align-items: center;
                            font-size: 12px; font-variant-numeric: tabular-nums; }
      .live-legend { display: flex; gap: 8px; flex-wrap: wrap; font-size: 12px; margin-top: 6px; }
      .live-legend span::before { content: ""; display: inline-block; width: 10px; height: 10px; margin-right: 3px;
                                  border-radius: 50%; background: var(--c); }
      .live-digits { display: flex; flex-wrap: wrap; gap: 3px; max-width: 170px; margin-top: 8px; }
      .live-digits button { font-size: 12px; padding: 2px 7px; }
      .live-digits button.on { background: #246; color: #fff; }
      """;
}
