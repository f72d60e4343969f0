package de.wattos.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.crawl.CrawlClient;
import de.wattos.crawl.FixtureSite;
import de.wattos.support.TestApi;
import de.wattos.widget.internal.BrowserSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The review queue of crawl changes in real headless Chromium, used with the keyboard: a tenant admin approves the
 * first crawl's pages in bulk, then opens a changed page, sees the changed sentence marked on both sides and
 * approves it with the A key; search serves the new text only after that. axe-core on both pages.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleReviewBrowserTest extends ConsolePageTest {

    @LocalServerPort
    int port;
    FixtureSite site;
    CrawlClient crawl;
    String source;
    SignIn reviewer;

    @Override
    String label() {
        return "console-review";
    }

    @BeforeAll
    void start() {
        BrowserSupport.assumeChromium();
        site = new FixtureSite();
        site.page("/", "Rathaus", "Willkommen im Rathaus.", "/abfall");
        site.page("/abfall", "Abfall", "Der Sperrmüll wird zweimal im Jahr abgeholt. Die Anmeldung erfolgt im Bürgerbüro.");
        crawl = new CrawlClient(port);
        reviewer = tenantUser(crawl.api, crawl.tenant.slug(), "pruefer", "TENANT_ADMIN");
        source = crawl.createSource(site.url("/"), Map.of("requiresApproval", true, "maxDepth", 1));
        assertThat(crawl.crawl(source).get("status").asString()).isEqualTo("succeeded");
        driver = BrowserSupport.start();
    }

    @AfterAll
    void stop() {
        if (site != null) {
            site.close();
        }
    }

    @Test
    void aReviewerApprovesInBulkAndThenOneChangeWithTheKeyboard() throws Exception {
        showingFailure(this::walkThrough);
    }

    void walkThrough() {
        signIn(port, reviewer);
        navigate("reviews");
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
