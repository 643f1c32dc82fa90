package org.vae4j.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.vae4j.HeadlessChromium;
import org.vae4j.data.TestData;
import org.vae4j.eval.ClassifierCache;

/**
 * The page in a real browser: Debian's headless Chromium driven through its chromedriver (both from
 * /usr/bin; nothing is downloaded). Loads the page, draws a stroke and sees the reconstruction and the
 * numbers appear, moves a slider and sees the image change, clicks the map, interpolates, and switches to
 * the conditional model and its digits. Measures the time from a slider's input event to the repaint of
 * the decoded image (printed, not asserted: timings are for benchmarks) and saves screenshots into
 * target/serve-screenshots, or -Dvae4j.serve.screenshots=DIR. -Dvae4j.serve.folder=DIR explores a run or
 * experiment folder of your own (with the cached digit classifier) instead of the fixture's.
 */
class ExplorerBrowserTest {
  private static ExplorerServer server;
  private static HeadlessChromium chromium;
  private static ChromeDriver browser;
  private static Path screenshots;

  @BeforeAll
  static void start() throws Exception {
    String folder = System.getProperty("vae4j.serve.folder");
    Explorer explorer = folder == null ? ServeFixtures.explorer() : Explorer.open(Path.of(folder),
        Explorer.Options.defaults(TestData.mnistDir(), "auto", 2, ClassifierCache.defaultDir()), System.err);
    server = explorer.serve(ExplorerServer.Settings.local(0), System.err);
    screenshots = Path.of(System.getProperty("vae4j.serve.screenshots", "target/serve-screenshots"));
    Files.createDirectories(screenshots);
    chromium = new HeadlessChromium(1500, 1250);
    browser = chromium.driver();
  }

  @AfterAll
  static void stop() throws Exception {
    if (chromium != null) {
      chromium.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /** Waits up to 20 s for what must become true; fails naming it. */
  private static void waitFor(String what, Supplier<Boolean> condition) throws InterruptedException {
    long end = System.nanoTime() + 20_000_000_000L;
    while (!Boolean.TRUE.equals(condition.get())) {
      if (System.nanoTime() > end) {
        throw new AssertionError("the page did not show " + what + " within 20 s; status: "
            + browser.findElement(By.id("status")).getText());
      }
      Thread.sleep(25);
    }
  }

  /** A canvas's content, summed into a number that changes when the picture does. */
  private static long canvas(String id) {
    Object value = browser.executeScript("const c = document.getElementById(arguments[0]);"
        + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
        + "let h = 0; for (let i = 0; i < d.length; i += 4) { h = (h * 31 + d[i] + 7 * d[i + 1]) | 0; } return h;", id);
    return ((Number) value).longValue();
  }

  private static long ink(String id) {
    Object value = browser.executeScript("const c = document.getElementById(arguments[0]);"
        + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
        + "let s = 0; for (let i = 0; i < d.length; i += 4) { s += d[i]; } return s;", id);
    return ((Number) value).longValue();
  }

  private static String text(String id) {
    return browser.findElement(By.id(id)).getText();
  }

  private static void screenshot(String name) throws Exception {
    byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
    Files.write(screenshots.resolve(name), png);
  }

  @Test
  void exploresTheModelsInTheBrowser() throws Exception {
    browser.get(server.uri().toString());
    waitFor("the sliders", () -> !browser.findElements(By.cssSelector("#sliders input")).isEmpty());
    waitFor("a decoded image", () -> ink("decoded") > 0);
    assertThat(text("facts")).contains("test images on the map");

    // draw a 7: a bar, then a stroke down to the left
    WebElement pad = browser.findElement(By.id("pad"));
    new Actions(browser).moveToElement(pad, -70, -80).clickAndHold().moveByOffset(60, 0).moveByOffset(60, 0)
        .moveByOffset(-20, 50).moveByOffset(-25, 60).moveByOffset(-20, 55).release().perform();
    waitFor("the drawing's numbers", () -> text("nelbo").endsWith("nats") && text("guess").contains("sure"));
    assertThat(text("nll")).endsWith("nats");
    assertThat(text("nelbo-pct")).matches("higher than \\d+% of test images");
    assertThat(ink("input")).isPositive();
    assertThat(ink("reconstruction")).isPositive();
    assertThat(browser.findElements(By.cssSelector("#neighbours figure"))).hasSize(ExploredModel.NEIGHBOURS);
    screenshot("serve-drawing.png");

    // a slider moves the image; each move's repaint is timed by the page
    List<WebElement> sliders = browser.findElements(By.cssSelector("#sliders input"));
    long before = canvas("decoded");
    WebElement slider = sliders.get(0);
    for (int i = 0; i < 40; i++) {
      slider.sendKeys(i < 20 ? Keys.ARROW_RIGHT : Keys.ARROW_LEFT);
      int seen = i + 1;
      waitFor("the repaint of slider move " + seen, () -> timings().size() >= seen);
    }
    slider.sendKeys(Keys.END);
    waitFor("the image change with the slider", () -> canvas("decoded") != before);
    List<Double> repaint = timings();
    List<Double> sorted = new ArrayList<>(repaint);
    sorted.sort(null);
    System.out.printf(Locale.ROOT, "serve browser: slider move to repaint over %d moves: median %.1f ms, p90 %.1f ms, "
            + "max %.1f ms%n", sorted.size(), sorted.get(sorted.size() / 2), sorted.get((int) (sorted.size() * 0.9)),
        sorted.get(sorted.size() - 1));

    // clicking the map sets the code: the sliders and the image follow
    String sliderValues = text("sliders");
    long beforeClick = canvas("decoded");
    WebElement map = browser.findElement(By.id("map"));
    new Actions(browser).moveToElement(map, -90, 60).click().perform();
    waitFor("the clicked code", () -> !text("sliders").equals(sliderValues));
    new Actions(browser).moveToElement(browser.findElement(By.id("facts"))).perform(); // leave the map
    waitFor("the clicked code's image", () -> canvas("decoded") != beforeClick);
    screenshot("serve-map.png");

    // interpolate from the drawing to the point clicked, along the circle
    browser.findElement(By.id("a-drawing")).click();
    browser.findElement(By.id("b-clicked")).click();
    browser.findElement(By.cssSelector("input[name=path][value=spherical]")).click();
    browser.findElement(By.id("interpolate")).click();
    waitFor("the interpolation", () -> browser.findElements(By.cssSelector("#path figure")).size() == 10);
    assertThat(browser.findElements(By.cssSelector("#path .bar i"))).hasSize(10);
    assertThat(browser.findElement(By.cssSelector("#path figure figcaption")).getText()).matches("\\d · \\d+%");
    screenshot("serve-interpolation.png");

    // a conditional model: the digit buttons change the digit, the code (the style) stays
    if (browser.findElement(By.id("digits")).isDisplayed()) {
      long before5 = canvas("decoded");
      browser.findElements(By.cssSelector("#digits button")).get(5).click();
      waitFor("the digit 5", () -> canvas("decoded") != before5);
      screenshot("serve-conditional.png");
    }

    // another model of the folder: its own map and sliders
    String facts = text("facts");
    WebElement other = browser.findElements(By.cssSelector("#model option")).stream()
        .filter(o -> !o.isSelected()).findFirst().orElse(null);
    if (other != null) {
      other.click();
      waitFor("the other model", () -> !text("facts").equals(facts) && text("facts").startsWith(other.getText()
          .contains("cvae") ? "cvae" : "mlp"));
      waitFor("its decoded image", () -> ink("decoded") > 0);
      waitFor("the drawing seen by it", () -> text("nelbo").endsWith("nats")); // the page analyses it again
      screenshot("serve-other-model.png");
    }
    assertThat(text("status")).isEmpty();
  }

  @SuppressWarnings("unchecked")
  private static List<Double> timings() {
    List<Object> values = (List<Object>) browser.executeScript("return window.vae4jTimings.sliderRepaint;");
    return values.stream().map(v -> ((Number) v).doubleValue()).toList();
  }
}
