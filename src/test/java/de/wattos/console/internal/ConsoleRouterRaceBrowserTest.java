package de.wattos.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.support.TestApi;
import de.wattos.widget.internal.BrowserSupport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Quick navigation in real headless Chromium: the articles view waits for a slow answer (the page's fetch delays the
 * article list by 2.5 s) while the user has already moved on. Whether the slow request honours the abort (it is then
 * cut off) or not (its answer arrives late), the view the user moved to stays and the old one never writes into it.
 */
@IntegrationTest
class ConsoleRouterRaceBrowserTest {

    static final String SLOW_FETCH = """
            window.__aborted = 0; window.__slowAnswered = 0; window.__honourAbort = arguments[0];
            const original = window.__originalFetch || window.fetch;
            window.__originalFetch = original;
            window.fetch = (url, init = {}) => {
              if (!String(url).includes('/kb/articles?')) return original(url, init);
              return new Promise((resolve, reject) => {
                const signal = init.signal;
                const timer = setTimeout(() => {
                  const plain = Object.assign({}, init); delete plain.signal;
                  original(url, window.__honourAbort ? init : plain)
                    .then((r) => { window.__slowAnswered++; resolve(r); }, reject);
                }, 2500);
                if (signal && window.__honourAbort) {
                  signal.addEventListener('abort', () => { clearTimeout(timer); window.__aborted++;
                    reject(new DOMException('aborted', 'AbortError')); });
                }
              });
            };
            """;

    @LocalServerPort int port;

    @Test
    void aSlowAnswerOfAViewTheUserLeftNeverOverwritesTheNextView() throws Exception {
        BrowserSupport.assumeChromium();
        TestApi api = new TestApi(port);
        String slug = api.createTenant().slug();
        String username = "race-" + UUID.randomUUID().toString().substring(0, 6);
        String password = "pw-" + UUID.randomUUID();
        assertThat(api.post("/api/v1/tenants/" + slug + "/users", api.adminToken(),
                Map.of("username", username, "password", password, "roles", List.of("EDITOR"))).status()).isEqualTo(201);
        ChromeDriver driver = BrowserSupport.start();
        try {
            FluentWait<WebDriver> wait = new WebDriverWait(driver, Duration.ofSeconds(30))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class, java.util.NoSuchElementException.class);
            driver.get("http://localhost:" + port + "/console");
            wait.until(d -> "login".equals(view(driver)));
            driver.findElement(By.cssSelector("input[name=username]")).sendKeys(username);
            driver.findElement(By.cssSelector("input[name=password]")).sendKeys(password);
            driver.findElement(By.cssSelector("input[name=tenant]")).sendKeys(slug, Keys.ENTER);
            wait.until(d -> !"login".equals(view(driver)) && !"loading".equals(view(driver)));

            // 1. the slow request honours the abort: leaving the view cuts it off
            driver.executeScript(SLOW_FETCH, true);
            go(driver, "#/search");
            wait.until(d -> "search".equals(view(driver)));
            go(driver, "#/articles");
            Thread.sleep(300);
            go(driver, "#/spaces");
            wait.until(d -> "spaces".equals(view(driver)));
            Thread.sleep(3500); // the slow answer would have come by now
            assertThat(view(driver)).isEqualTo("spaces");
            assertThat(driver.findElement(By.cssSelector("main h1")).getText()).isEqualTo("Wissensbereiche");
            assertThat(((Number) driver.executeScript("return window.__aborted")).intValue())
                    .as("the articles request was aborted when the user left").isEqualTo(1);

            // 2. the slow request ignores the abort and answers late: its answer is dropped
            driver.executeScript(SLOW_FETCH, false);
            go(driver, "#/articles");
            Thread.sleep(300);
            go(driver, "#/search");
            wait.until(d -> "search".equals(view(driver)));
            wait.until(d -> ((Number) driver.executeScript("return window.__slowAnswered")).intValue() == 1);
            Thread.sleep(500);
            assertThat(view(driver)).isEqualTo("search");
            assertThat(driver.findElement(By.cssSelector("main h1")).getText()).isEqualTo("Suche");
            assertThat(driver.findElement(By.tagName("main")).getText()).doesNotContain("Neuer Artikel");

            // and the articles view still works when the user stays
            driver.executeScript("window.fetch = window.__originalFetch;");
            go(driver, "#/articles");
            wait.until(d -> "articles".equals(view(driver)));
            assertThat(driver.findElement(By.cssSelector("main h1")).getText()).isEqualTo("Artikel");
        } catch (RuntimeException | AssertionError e) {
            BrowserSupport.screenshot(driver, "router-race-failure");
            throw e;
        } finally {
            driver.quit();
        }
    }

    private static String view(ChromeDriver driver) {
        return driver.findElement(By.tagName("body")).getDomAttribute("data-view");
    }

    private static void go(ChromeDriver driver, String hash) {
        driver.executeScript("location.hash = arguments[0];", hash);
    }
}
