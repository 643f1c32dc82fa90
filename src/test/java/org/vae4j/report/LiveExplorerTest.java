package org.vae4j.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.vae4j.HeadlessChromium;
import org.vae4j.data.ImageSet;
import org.vae4j.data.TestData;
import org.vae4j.model.ModelSpec;
import org.vae4j.model.Vae;
import org.vae4j.nn.JavaGemm;
import org.vae4j.nn.Rng;

/**
 * The report's live latent map: the embedded weights are the model's, and the page's own JavaScript decodes
 * as vae4j does (in headless Chromium, from a file: no server), for the mlp and the conditional kind.
 */
class LiveExplorerTest {
  private static Vae model(ModelSpec spec, long seed) {
    Vae vae = new Vae(spec.architecture(), new JavaGemm(1));
    vae.init(new Rng(seed));
    return vae;
  }

  private static final ModelSpec MLP = ModelSpec.mlp(28, 28, 32, 3);
  private static final ModelSpec CVAE = new ModelSpec("cvae", 28, 28, 10, 2, 32, List.of());

  @Test
  void embedsTheDecodersWeightsAndTheMap() {
    Vae vae = model(MLP, 1);
    ImageSet test = TestData.mnist().test().first(300);
    ObjectNode data = LiveExplorer.data("d = 3", vae, test);
    assertThat(data.path("latent").asInt()).isEqualTo(3);
    assertThat(data.path("points").path("x")).hasSize(300);
    assertThat(data.path("sliders")).hasSize(3);
    JsonNode output = data.path("decoder").get(1);
    assertThat(output.path("in").asInt()).isEqualTo(32);
    assertThat(output.path("relu").asBoolean()).isFalse();
    float[] weights = new float[32 * 784];
    ByteBuffer.wrap(Base64.getDecoder().decode(output.path("weight").asText())).order(ByteOrder.LITTLE_ENDIAN)
        .asFloatBuffer().get(weights);
    float[] params = vae.parameters().values();
    int offset = vae.parameters().tensor("decoder.output.weight").offset();
    for (int i = 0; i < weights.length; i += 101) {
      assertThat(weights[i]).isEqualTo(params[offset + i]);
    }
    String section = LiveExplorer.section(List.of(data));
    assertThat(section).contains("id=\"vae4j-explorer-data\"").contains("class LatentMap");
    // the data and the inlined scripts cannot close their script element early
    assertThat(section.split("</script>", -1)).hasSize(4);
  }

  @Test
  void thePagesJavaScriptDecodesAsVae4jDoes(@TempDir Path dir) throws Exception {
    Vae mlp = model(MLP, 2);
    Vae cvae = model(CVAE, 3);
    ImageSet test = TestData.mnist().test().first(200);
    Path page = dir.resolve("report.html");
    Files.writeString(page, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>" + LiveExplorer.CSS
        + "</style></head><body>" + LiveExplorer.section(List.of(LiveExplorer.data("mlp", mlp, test),
        LiveExplorer.data("cvae", cvae, test))) + "</body></html>", StandardCharsets.UTF_8);
    try (HeadlessChromium chromium = new HeadlessChromium(1000, 800)) {
      ChromeDriver browser = chromium.driver();
      browser.get(page.toUri().toString());
      float[] z = {0.7f, -1.3f, 2.1f};
      compare(browser, 0, mlp.decode(z, null, 1), z, 0);
      float[] style = {0.4f, -0.9f};
      compare(browser, 1, cvae.decode(style, new int[] {6}, 1), style, 6);
      // the sliders repaint the decoded image
      String before = picture(browser);
      browser.findElement(By.cssSelector("#live-sliders input")).sendKeys(Keys.END);
      long end = System.nanoTime() + 10_000_000_000L;
      while (picture(browser).equals(before) && System.nanoTime() < end) {
        Thread.sleep(20);
      }
      assertThat(picture(browser)).isNotEqualTo(before);
      // the conditional model's digit buttons: one per class, the one clicked on, and the image repainted
      browser.executeScript("const s = document.getElementById('live-model'); s.selectedIndex = 1;"
          + " s.dispatchEvent(new Event('change'));");
      List<org.openqa.selenium.WebElement> digits = browser.findElements(By.cssSelector("#live-digits button"));
      assertThat(digits).hasSize(10);
      String zero = picture(browser);
      digits.get(7).click();
      assertThat(digits.get(7).getAttribute("class")).isEqualTo("on");
      assertThat(digits.get(0).getAttribute("class")).isEmpty();
      end = System.nanoTime() + 10_000_000_000L;
      while (picture(browser).equals(zero) && System.nanoTime() < end) {
        Thread.sleep(20);
      }
      assertThat(picture(browser)).isNotEqualTo(zero);
    }
  }

  private static void compare(ChromeDriver browser, int model, float[] expected, float[] z, int label) {
    List<Double> code = new ArrayList<>();
    for (float v : z) {
      code.add((double) v);
    }
    @SuppressWarnings("unchecked")
    List<Number> pixels = (List<Number>) browser.executeScript(
        "return window.vae4jReport.decode(arguments[0], arguments[1], arguments[2]);", model, code, label);
    assertThat(pixels).hasSize(784);
    for (int p = 0; p < 784; p++) {
      assertThat(pixels.get(p).doubleValue()).as("pixel %d", p).isCloseTo(expected[p], within(1e-5));
    }
  }

  private static String picture(ChromeDriver browser) {
    return (String) browser.executeScript("return document.getElementById('live-decoded').toDataURL();");
  }
}
