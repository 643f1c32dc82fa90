package org.vae4j.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.data.TestData;
import org.vae4j.model.Inference;
import org.vae4j.model.ModelSpec;
import org.vae4j.model.Vae;
import org.vae4j.nn.JavaGemm;
import org.vae4j.nn.Parallel;

/** The explorer serves a convolutional model as it serves the others: it decodes, encodes and scores. */
class ExplorerConvTest {
  @TempDir
  Path dir;

  @Test
  void aConvModelDecodesEncodesAndScores() throws Exception {
    ServeFixtures.train(dir.resolve("conv-d2"), new ModelSpec("conv", 28, 28, 0, 2, 16, List.of(4, 8)),
        TestData.mnist());
    Explorer.Options options = new Explorer.Options(TestData.mnistDir(), "java", 2, null, ServeFixtures.SETTINGS,
        10_000);
    Explorer explorer = Explorer.open(dir, options, (name, data) -> ServeFixtures.classifier(), ServeFixtures.QUIET);
    Api api = explorer.api();
    ExploredModel model = api.model("conv-d2");
    assertThat(model.vae().architecture().spec().kind()).isEqualTo("conv");

    JsonNode decoded = post(api, "/api/decode", "{\"model\": \"conv-d2\", \"z\": [[0.5, -1.25]]}");
    Vae vae = model.vae().sharing(new JavaGemm(1), Parallel.SERIAL);
    float[] expected = new Inference(vae).decode(new float[] {0.5f, -1.25f}, null, 1);
    for (int p = 0; p < 784; p += 29) {
      assertThat(decoded.path("images").get(0).get(p).asDouble()).isCloseTo(expected[p], within(6e-4));
    }

    float[] x = model.testImage(3);
    JsonNode encoded = post(api, "/api/encode", "{\"model\": \"conv-d2\", \"image\": " + ServeFixtures.imageJson(x)
        + "}");
    assertThat(encoded.path("mean").get(0).asDouble()).isCloseTo(model.testMean(3)[0], within(2e-3));
    assertThat(encoded.path("reconstruction").get(0)).hasSize(784);

    JsonNode digit = post(api, "/api/score", "{\"model\": \"conv-d2\", \"image\": " + ServeFixtures.imageJson(x)
        + "}");
    assertThat(digit.path("nelbo").asDouble()).isPositive().isFinite();
  }

  private static JsonNode post(Api api, String path, String body) throws Exception {
    Api.Reply reply = api.handle("POST", path, null, body.getBytes(StandardCharsets.UTF_8));
    JsonNode json = Fields.JSON.readTree(reply.body());
    assertThat(reply.status()).as(json.toString()).isEqualTo(200);
    return json;
  }
}
