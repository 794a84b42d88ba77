package dev.themis.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.themis.ResourceOutcome;
import dev.themis.TickReport;
import dev.themis.testkit.browser.HeadlessChromium;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in headless Chromium (Debian's chromium and chromium-driver), driven by Selenium, against the console
 * of an autoscaler replaying a demand trace on the simulated Kinesis. A missing browser fails the test: it is part
 * of the build's contract ({@code .ci/run} installs it; see {@link HeadlessChromium}). Screenshots go to
 * {@code target/console-screenshots/}.
 */
class ConsoleBrowserTest {
  private static final Path SHOTS = Path.of("target", "console-screenshots");

  private ReplayFixture fx;
  private ThemisConsole console;
  private HeadlessChromium browser;
  private ChromeDriver driver;
  private WebDriverWait wait;

  @BeforeEach
  void start() throws IOException {
    fx = new ReplayFixture();
    fx.ticks(80); // four hours of the trace: a full rise and fall
    console = ThemisConsole.start(fx.autoscaler, ConsoleOptions.builder().token(ConsoleRestTest.TOKEN).build());
    browser = HeadlessChromium.start(1440, 1100);
    driver = browser.driver();
    wait = browser.await();
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (console != null) {
      console.close();
    }
  }

  private void screenshot(String name) {
    browser.screenshot(SHOTS.resolve(name + ".png"));
  }

  private int renders() {
    String r = driver.findElement(By.tagName("body")).getAttribute("data-renders");
    return r == null ? 0 : Integer.parseInt(r);
  }

  private void waitForRenderAfter(int before) {
    wait.until(d -> renders() > before);
  }

  @Test
  void theResourcePageChartsExplainsAndEditsLive() {
    // The list page
    driver.get(console.address().toString());
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#resources tr[data-resource]")));
    assertThat(driver.findElements(By.cssSelector("#resources tr[data-resource]")))
        .extracting(e -> e.getAttribute("data-resource")).containsExactly("fixed:batch", "kinesis:clickstream");
    screenshot("01-resources");

    // The stream's page loads with no console errors and draws its charts
    driver.findElement(By.linkText("kinesis:clickstream")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#capacity-chart path.capacity")));
    WebElement capacity = driver.findElement(By.cssSelector("#capacity-chart path.capacity"));
    assertThat(capacity.getAttribute("d")).startsWith("M").contains("V");
    assertThat(driver.findElement(By.cssSelector("#metric-chart path.metric")).getAttribute("d")).startsWith("M");
    List<WebElement> actions = driver.findElements(By.cssSelector("#capacity-chart circle.action"));
    assertThat(actions).isNotEmpty();
    // each action carries its reasons, shown on hover
    assertThat(actions.get(0).findElement(By.tagName("title")).getAttribute("textContent"))
        .contains("Applied").containsPattern("stream_(up|down)scale_expr = \\d+");
    assertThat(driver.findElements(By.cssSelector("#capacity-chart line.bound"))).hasSize(2);
    // the schedule's floor and cap are drawn too
    assertThat(driver.findElement(By.id("schedule-floor")).getAttribute("d")).startsWith("M");
    assertThat(driver.findElement(By.id("schedule-cap")).getAttribute("d")).startsWith("M");
    assertThat(driver.findElement(By.id("savings")).getText()).containsIgnoringCase("saved").contains("%");
    // the decision log says why: the expression, its value, the values it read, the guards
    List<WebElement> rows = driver.findElements(By.cssSelector("#decisions tr.decision"));
    assertThat(rows).hasSizeGreaterThan(10);
    String log = driver.findElement(By.id("decisions")).getText();
    assertThat(log).containsPattern("stream_(up|down)scale_expr = \\d+").contains("stream_upscale_expr: 1 if")
        .contains("read: ").contains("stream.IncomingBytes");
    assertThat(browser.errors()).isEmpty();
    screenshot("02-stream");

    // An invalid edit shows the error next to the key and changes nothing
    driver.findElement(By.id("token")).sendKeys(ConsoleRestTest.TOKEN);
    WebElement max = driver.findElement(By.id("key-max_capacity"));
    assertThat(max.getAttribute("value")).isEqualTo("8");
    max.clear();
    max.sendKeys("-3");
    driver.findElement(By.id("save-config")).click();
    WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#error-max_capacity")));
    wait.until(d -> !error.getText().isBlank());
    assertThat(error.getText()).contains("expected an integer >= 0").contains("was -3");
    assertThat(driver.findElement(By.id("config-message")).getText()).contains("nothing was changed");
    assertThat(max.getAttribute("class")).contains("invalid");
    assertThat(fx.autoscaler.configChanges()).isEmpty();
    assertThat(fx.autoscaler.settings(ReplayFixture.STREAM).orElseThrow().maxCapacity()).isEqualTo(8);
    screenshot("03-invalid-edit");

    // A valid edit changes the next tick's behaviour
    int before = renders();
    max = driver.findElement(By.id("key-max_capacity"));
    max.clear();
    max.sendKeys("1");
    driver.findElement(By.id("save-config")).click();
    waitForRenderAfter(before);
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("config-message"), "Applied"));
    assertThat(fx.autoscaler.configChanges()).singleElement()
        .satisfies(c -> assertThat(c.actor()).isEqualTo("token:operator"));
    assertThat(fx.autoscaler.settings(ReplayFixture.STREAM).orElseThrow().maxCapacity()).isEqualTo(1);
    TickReport next = fx.tick();
    ResourceOutcome o = next.outcome(ReplayFixture.STREAM).orElseThrow();
    assertThat(o.reasons()).anyMatch(r -> r.startsWith("bounds: target") && r.endsWith("capped at max 1"));
    // and the page shows it after a refresh: the change log and the new decision
    before = renders();
    driver.findElement(By.id("range")).sendKeys("last 6h");
    waitForRenderAfter(before);
    assertThat(driver.findElement(By.id("changes")).getText()).contains("token:operator")
        .contains("kinesis.clickstream.max_capacity");
    assertThat(driver.findElement(By.id("decisions")).getText()).containsPattern("bounds: target \\d+ capped at max 1");
    // Chromium logs every non-2xx fetch: the one 422 is the invalid edit above, nothing else may appear.
    assertThat(browser.errors()).singleElement().asString()
        .endsWith("/api/v1/resources/kinesis/clickstream/config - Failed to load resource: the server responded with a"
            + " status of 422 ()");
    screenshot("04-after-valid-edit");
  }
}
