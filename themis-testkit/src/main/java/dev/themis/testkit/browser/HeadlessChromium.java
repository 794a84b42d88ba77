package dev.themis.testkit.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium for browser tests: Debian's {@code chromium} driven by Selenium through Debian's
 * {@code chromedriver} (never a driver downloaded by Selenium Manager), with a fresh profile, no background
 * networking, and the browser's console log kept so that a test can assert there were no errors.
 *
 * <pre>{@code
 * try (HeadlessChromium browser = HeadlessChromium.start(1400, 1100)) {
 *   browser.driver().get(url);
 *   browser.await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("svg")));
 *   assertThat(browser.errors()).isEmpty();
 * }
 * }</pre>
 *
 * <p>Needs {@code selenium-chrome-driver} and {@code selenium-support} on the test class path (optional
 * dependencies of the testkit). Not thread-safe: one test drives one browser.
 */
public final class HeadlessChromium implements AutoCloseable {
  /** Debian's Chromium ({@code apt-get install chromium}). */
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  /** Debian's chromedriver ({@code apt-get install chromium-driver}). */
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  /** How long {@link #await()} waits for a condition. */
  public static final Duration WAIT = Duration.ofSeconds(30);

  private final Path profile;
  private final ChromeDriverService service;
  private final ChromeDriver driver;
  private final WebDriverWait wait;

  private HeadlessChromium(Path profile, ChromeDriverService service, ChromeDriver driver) {
    this.profile = profile;
    this.service = service;
    this.driver = driver;
    this.wait = new WebDriverWait(driver, WAIT);
  }

  /**
   * Starts the driver and a headless browser with a window of the given size in pixels.
   *
   * @throws IllegalStateException naming the package to install when {@link #CHROMIUM} or {@link #CHROMEDRIVER}
   *     is not executable
   * @throws UncheckedIOException when the profile directory cannot be created
   */
  public static HeadlessChromium start(int width, int height) {
    for (Path p : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!Files.isExecutable(p)) {
        throw new IllegalStateException(p + " is not executable: install Debian's chromium and chromium-driver"
            + " (apt-get install chromium chromium-driver; .ci/run does it)");
      }
    }
    Path profile;
    try {
      profile = Files.createTempDirectory("themis-chromium");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a Chromium profile directory", e);
    }
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
        "--disable-dev-shm-usage", "--window-size=" + width + "," + height, "--user-data-dir=" + profile);
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
    try {
      return new HeadlessChromium(profile, service, new ChromeDriver(service, options));
    } catch (RuntimeException e) {
      service.stop();
      delete(profile);
      throw e;
    }
  }

  /** The browser. */
  public ChromeDriver driver() {
    return driver;
  }

  /** A wait of up to {@link #WAIT} on this browser, for {@code until(condition)}. */
  public WebDriverWait await() {
    return wait;
  }

  /** The browser console's messages at warning level or above since the last call (JavaScript errors included). */
  public List<String> errors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).map(LogEntry::getMessage).toList();
  }

  /** Writes a PNG of the window to {@code file}, creating its directory. */
  public void screenshot(Path file) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the screenshot " + file, e);
    }
  }

  /** Quits the browser, stops the driver and deletes the profile. */
  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
      delete(profile);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the Chromium profile " + dir, e);
    }
  }
}
