package dev.themis.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.themis.testkit.browser.HeadlessChromium;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The demo's report, as written to disk, in headless Chromium: it renders without errors, its charts, axis labels,
 * legends and tables are visible, and every resize mark is the element under the pointer at its centre, with its
 * reasons. A missing browser fails the test ({@code .ci/run} installs it). The screenshot goes to
 * {@code target/demo-report-screenshots/}.
 */
class DemoReportBrowserTest {
  @TempDir Path dir;

  @Test
  void theReportRendersItsChartsMarksAndTablesInChromium() throws IOException {
    DemoReport report = DemoFixture.dayReport();
    Path html = Files.writeString(dir.resolve("report.html"), report.html());
    try (HeadlessChromium browser = HeadlessChromium.start(1400, 1100)) {
      browser.driver().get(html.toUri().toString());
      List<WebElement> charts = browser.await()
          .until(ExpectedConditions.visibilityOfAllElementsLocatedBy(By.tagName("svg")));
      assertThat(charts).hasSize(report.runs().size());
      for (int i = 0; i < charts.size(); i++) {
        DemoReport.Run r = report.runs().get(i);
        WebElement chart = charts.get(i);
        assertThat(chart.getRect().getWidth()).as("chart width").isGreaterThanOrEqualTo(1000);
        WebElement y = chart.findElement(By.cssSelector("text.y-label"));
        assertThat(y.isDisplayed()).isTrue();
        assertThat(y.getText()).isEqualTo(r.supplyUnit());
        assertThat(chart.findElement(By.cssSelector("text.x-label")).getText()).isEqualTo("time (UTC)");
        assertThat(chart.findElement(By.cssSelector("polygon.band")).isDisplayed()).isTrue();
        List<WebElement> marks = chart.findElements(By.cssSelector("path.mark"));
        assertThat(marks).hasSameSizeAs(r.replay().events());
        for (WebElement mark : marks) {
          Rectangle box = mark.getRect();
          assertThat(box.getWidth()).as("mark width").isGreaterThanOrEqualTo(10);
          assertThat(box.getHeight()).as("mark height").isGreaterThanOrEqualTo(10);
          // the mark, not a line drawn over it, is what the pointer hovers at its centre
          Object hovered = browser.driver().executeScript("arguments[0].scrollIntoView({block: 'center'});"
              + "const b = arguments[0].getBoundingClientRect();"
              + "return document.elementFromPoint(b.x + b.width / 2, b.y + b.height * 0.6).getAttribute('class');",
              mark);
          assertThat(hovered).as("element at the centre of a mark").isEqualTo("mark");
          assertThat(mark.findElement(By.tagName("title")).getAttribute("textContent")).contains(" → ");
        }
      }
      assertThat(browser.driver().findElement(By.id("summary")).isDisplayed()).isTrue();
      assertThat(browser.driver().findElement(By.cssSelector("table.comparison")).isDisplayed()).isTrue();
      List<WebElement> held = browser.driver().findElements(By.cssSelector("table.held"));
      assertThat(held).hasSize(report.runs().size()).allSatisfy(t -> assertThat(t.isDisplayed()).isTrue());
      assertThat(held.get(0).getText()).contains(HeldDecisions.NO_CHANGE);
      assertThat(browser.errors()).isEmpty();
      browser.driver().executeScript("window.scrollTo(0, 0)");
      browser.screenshot(Path.of("target", "demo-report-screenshots", "report.png"));
    }
  }
}
