package de.wattos.widget.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Real headless Chromium for browser tests (widget and console): the Debian {@code chromium} and
 * {@code chromium-driver} packages, the flags CI uses, screenshots under {@code target/screenshots/}, and axe-core
 * (from {@code -Dwattos.axe}, default {@code .tools/node_modules/axe-core/axe.min.js}) injected into the page.
 */
public final class BrowserSupport {

    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private BrowserSupport() {
    }

    /** Skips the calling test class with a clear message when Chromium's driver is not installed. */
    public static void assumeChromium() {
        Assumptions.assumeTrue(Files.isExecutable(DRIVER),
                "Browser tests skipped: " + DRIVER + " is missing (apt-get install chromium chromium-driver)");
    }

    public static ChromeDriver start() {
        assumeChromium();
        try {
            Path profile = Files.createTempDirectory("wattos-chromium");
            ChromeOptions options = new ChromeOptions();
            Path binary = Path.of("/usr/bin/chromium");
            if (Files.isExecutable(binary)) {
                options.setBinary(binary.toFile());
            }
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--user-data-dir=" + profile, "--window-size=1280,900", "--lang=de-DE");
            options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "de-DE,de"));
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                    .usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            return driver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path screenshot(ChromeDriver driver, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Thread.sleep(250); // let opening animations finish
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Path axePath() {
        return Path.of(System.getProperty("wattos.axe", ".tools/node_modules/axe-core/axe.min.js"));
    }

    /**
     * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the current page, Shadow DOM included, and returns the
     * serious and critical violations as readable lines. Skips (with a message) when axe-core is not installed.
     */
    @SuppressWarnings("unchecked")
    public static List<String> seriousViolations(ChromeDriver driver, String where) {
        Path axe = axePath();
        Assumptions.assumeTrue(Files.isReadable(axe), "axe-core not found at " + axe.toAbsolutePath()
                + " (npm install --prefix .tools axe-core@4.10.3, or -Dwattos.axe=<path to axe.min.js>)");
        try {
            ((JavascriptExecutor) driver).executeScript(Files.readString(axe));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Object result = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
                    resultTypes: ['violations']})
                  .then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                      .map(v => v.impact + ' ' + v.id + ': ' + v.help + ' @ '
                          + v.nodes.slice(0, 3).map(n => JSON.stringify(n.target) + ' ' + (n.failureSummary || '').replace(/\\s+/g, ' ')).join(' | '))))
                  .catch(e => done(['axe failed: ' + e]));
                """);
        List<String> violations = new ArrayList<>((List<String>) result);
        System.out.println("[axe] " + where + ": " + (violations.isEmpty() ? "no serious or critical violations" : violations));
        return violations;
    }

    public static void assertAccessible(ChromeDriver driver, String where) {
        assertThat(seriousViolations(driver, where)).as("axe-core on " + where).isEmpty();
    }
}
