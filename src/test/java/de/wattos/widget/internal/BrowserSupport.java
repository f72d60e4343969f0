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

    /**
     * Whether a missing browser or axe-core must fail the run instead of skipping: in CI ({@code CI=true}, which
     * {@code .ci/run} sets) or with {@code -Dwattos.browser-tests=required}. A CI run that silently skipped them would
     * report green without having looked at a single page.
     */
    public static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("CI"))
                || "required".equalsIgnoreCase(System.getProperty("wattos.browser-tests"));
    }

    /** Continues when the tool is there; otherwise fails (CI) or skips the calling test with the message. */
    static void requireTool(boolean present, String message) {
        if (present) {
            return;
        }
        if (required()) {
            throw new IllegalStateException(message + " — browser and accessibility tests must run in CI");
        }
        Assumptions.assumeTrue(false, message);
    }

    /** Skips (or, in CI, fails) the calling test class with a clear message when Chromium's driver is missing. */
    public static void assumeChromium() {
        requireTool(Files.isExecutable(DRIVER) && Files.isExecutable(Path.of("/usr/bin/chromium")),
                "Browser tests skipped: " + DRIVER + " or /usr/bin/chromium is missing (apt-get install chromium chromium-driver)");
    }

    public static ChromeDriver start() {
        return start(new String[0]);
    }

    /** With extra Chromium flags (WebGL in software, a fake microphone, reduced motion …). */
    public static ChromeDriver start(String... extraArguments) {
        assumeChromium();
        try {
            Path profile = Files.createTempDirectory("wattos-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(Path.of("/usr/bin/chromium").toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--user-data-dir=" + profile, "--window-size=1280,900", "--lang=de-DE");
            options.addArguments(extraArguments);
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
     * serious and critical violations as readable lines. Without axe-core: skips with a message, or fails in CI.
     */
    @SuppressWarnings("unchecked")
    public static List<String> seriousViolations(ChromeDriver driver, String where) {
        Path axe = axePath();
        requireTool(Files.isReadable(axe), "axe-core not found at " + axe.toAbsolutePath()
                + " (./wattos deps installs it, or -Dwattos.axe=<path to axe.min.js>)");
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
