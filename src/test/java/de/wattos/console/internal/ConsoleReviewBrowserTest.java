package de.wattos.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.crawl.CrawlClient;
import de.wattos.crawl.FixtureSite;
import de.wattos.support.TestApi;
import de.wattos.widget.internal.BrowserSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The review queue of crawl changes in real headless Chromium, used with the keyboard: a tenant admin approves the
 * first crawl's pages in bulk, then opens a changed page, sees the changed sentence marked on both sides and
 * approves it with the A key; search serves the new text only after that. axe-core on both pages.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleReviewBrowserTest {

    @LocalServerPort
    int port;
    ChromeDriver driver;
    FixtureSite site;
    CrawlClient crawl;
    String source;
    String username;
    String password;
    final List<String> violations = new ArrayList<>();

    @BeforeAll
    void start() {
        BrowserSupport.assumeChromium();
        site = new FixtureSite();
        site.page("/", "Rathaus", "Willkommen im Rathaus.", "/abfall");
        site.page("/abfall", "Abfall", "Der Sperrmüll wird zweimal im Jahr abgeholt. Die Anmeldung erfolgt im Bürgerbüro.");
        crawl = new CrawlClient(port);
        username = "pruefer-" + UUID.randomUUID().toString().substring(0, 6);
        password = "pw-" + UUID.randomUUID();
        TestApi.Response user = crawl.api.post(crawl.tenantPath("/users"), crawl.api.adminToken(),
                Map.of("username", username, "password", password, "roles", List.of("TENANT_ADMIN")));
        assertThat(user.status()).as(user.toString()).isEqualTo(201);
        source = crawl.createSource(site.url("/"), Map.of("requiresApproval", true, "maxDepth", 1));
        assertThat(crawl.crawl(source).get("status").asString()).isEqualTo("succeeded");
        driver = BrowserSupport.start();
    }

    @AfterAll
    void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (site != null) {
            site.close();
        }
    }

    FluentWait<WebDriver> waitFor(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class, java.util.NoSuchElementException.class);
    }

    void view(String name) {
        waitFor(30).until(d -> name.equals(d.findElement(By.tagName("body")).getDomAttribute("data-view")));
    }

    void check(String name) {
        BrowserSupport.screenshot(driver, "console-review-" + name);
        violations.addAll(BrowserSupport.seriousViolations(driver, "console " + name).stream().map(v -> name + ": " + v).toList());
    }

    String main() {
        return driver.findElement(By.tagName("main")).getText();
    }

    @Test
    void aReviewerApprovesInBulkAndThenOneChangeWithTheKeyboard() {
        try {
            walkThrough();
        } catch (RuntimeException | AssertionError e) {
            BrowserSupport.screenshot(driver, "console-review-failure");
            System.out.println("[console review] page at failure: " + driver.getCurrentUrl() + "\n" + main());
            throw e;
        }
    }

    void walkThrough() {
        driver.get("http://localhost:" + port + "/console");
        view("login");
        driver.findElement(By.cssSelector("input[name=username]")).sendKeys(username);
        driver.findElement(By.cssSelector("input[name=password]")).sendKeys(password);
        driver.findElement(By.cssSelector("input[name=tenant]")).sendKeys(crawl.tenant.slug());
        driver.findElement(By.cssSelector("main button[type=submit]")).click();
        // signed in, a tenant user lands on the spaces page; a click before it has rendered would be overwritten by it
        view("spaces");
        waitFor(20).until(d -> d.findElements(By.cssSelector("nav a[href='#/reviews']")).size() == 1);

        driver.findElement(By.cssSelector("nav a[href='#/reviews']")).click();
        view("reviews");
        waitFor(10).until(d -> main().contains("Neue Seite"));
        assertThat(driver.findElements(By.cssSelector("main tbody tr"))).hasSize(2);
        check("queue");
        // keyboard only: focus "select all", tick it with space, then the bulk button with Enter
        WebElement all = driver.findElement(By.id("select-all"));
        all.sendKeys(Keys.SPACE);
        assertThat(driver.findElements(By.cssSelector("main tbody input[type=checkbox]")))
                .allSatisfy(box -> assertThat(box.isSelected()).isTrue());
        driver.findElement(By.id("approve-selected")).sendKeys(Keys.ENTER);
        waitFor(30).until(d -> main().contains("Keine Änderungen warten auf Freigabe."));
        assertThat(hits("zweimal")).isEqualTo(1);

        site.page("/abfall", "Abfall", "Der Sperrmüll wird viermal im Jahr abgeholt. Die Anmeldung erfolgt im Bürgerbüro.");
        crawl.crawl(source);
        driver.navigate().refresh();
        view("reviews");
        waitFor(10).until(d -> main().contains("Geänderte Seite"));
        WebElement open = driver.findElement(By.cssSelector("main tbody a.button"));
        open.sendKeys(Keys.ENTER);
        view("review");
        check("diff");
        List<WebElement> removed = driver.findElements(By.cssSelector(".diff del"));
        List<WebElement> added = driver.findElements(By.cssSelector(".diff ins"));
        assertThat(removed).extracting(WebElement::getText).containsExactly("Der Sperrmüll wird zweimal im Jahr abgeholt.");
        assertThat(added).extracting(WebElement::getText).containsExactly("Der Sperrmüll wird viermal im Jahr abgeholt.");
        assertThat(main()).contains("Die Anmeldung erfolgt im Bürgerbüro.").contains("1 Sätze entfallen, 1 Sätze neu");
        assertThat(hits("viermal")).as("held until approved").isZero();

        new Actions(driver).sendKeys("a").perform();
        view("reviews");
        waitFor(30).until(d -> main().contains("Keine Änderungen warten auf Freigabe."));
        assertThat(hits("viermal")).isEqualTo(1);
        assertThat(hits("zweimal")).isZero();
        assertThat(violations).as("axe-core serious/critical violations").isEmpty();
    }

    private int hits(String query) {
        TestApi.Response r = crawl.api.post(crawl.tenantPath("/search"), crawl.editor, Map.of("query", query, "mode", "lexical"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("hits").size();
    }
}
