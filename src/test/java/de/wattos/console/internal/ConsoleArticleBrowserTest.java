package de.wattos.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Articles in real headless Chromium: citizens asked twice about the recycling yard's opening hours without an
 * answer; an editor turns that unanswered-question cluster into a draft article (its questions filled in from the
 * citizens' own wording), writes the answer and submits it; the cluster is then handled. axe-core on both pages.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleArticleBrowserTest {

    @LocalServerPort
    int port;
    ChromeDriver driver;
    TestApi api;
    TestApi.Tenant tenant;
    String base;
    String username;
    String password;
    final List<String> violations = new ArrayList<>();

    @BeforeAll
    void start() throws InterruptedException {
        BrowserSupport.assumeChromium();
        api = new TestApi(port);
        tenant = api.createTenant();
        base = "/api/v1/tenants/" + tenant.slug();
        username = "redaktion-" + UUID.randomUUID().toString().substring(0, 6);
        password = "pw-" + UUID.randomUUID();
        TestApi.Response user = api.post(base + "/users", api.adminToken(),
                Map.of("username", username, "password", password, "roles", List.of("EDITOR")));
        assertThat(user.status()).as(user.toString()).isEqualTo(201);
        String editor = api.userToken(tenant.slug(), Role.EDITOR);
        String space = api.post(base + "/spaces", editor, Map.of("name", "Bürgerservice")).json().get("id").asString();
        for (String question : List.of("Wann hat der Wertstoffhof geöffnet?", "Öffnungszeiten Wertstoffhof am Samstag?")) {
            String conversation = api.post(base + "/conversations", editor, Map.of("spaceIds", List.of(space),
                    "channel", "console", "locale", "de-DE")).json().get("id").asString();
            TestApi.Response asked = api.post(base + "/conversations/" + conversation + "/messages", editor,
                    Map.of("content", question));
            assertThat(asked.json().get("message").get("noAnswer").asBoolean()).as(asked.toString()).isTrue();
        }
        long deadline = System.currentTimeMillis() + 60_000;
        while (clusters().isEmpty() || clusters().get(0).get("questions").asInt() < 2) {
            assertThat(System.currentTimeMillis()).as("analytics clustered the questions in time").isLessThan(deadline);
            Thread.sleep(200);
        }
        driver = BrowserSupport.start();
    }

    List<JsonNode> clusters() {
        List<JsonNode> out = new ArrayList<>();
        api.get(base + "/analytics/unanswered", api.adminToken()).json().path("clusters").forEach(out::add);
        return out;
    }

    @AfterAll
    void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    FluentWait<WebDriver> waitFor(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class, java.util.NoSuchElementException.class);
    }

    void view(String name) {
        waitFor(30).until(d -> name.equals(d.findElement(By.tagName("body")).getDomAttribute("data-view")));
    }

    String main() {
        return driver.findElement(By.tagName("main")).getText();
    }

    void check(String name) {
        BrowserSupport.screenshot(driver, "console-article-" + name);
        violations.addAll(BrowserSupport.seriousViolations(driver, "console " + name).stream().map(v -> name + ": " + v).toList());
    }

    @Test
    void anEditorTurnsAnUnansweredClusterIntoADraftArticleAndSubmitsIt() {
        try {
            walkThrough();
        } catch (RuntimeException | AssertionError e) {
            BrowserSupport.screenshot(driver, "console-article-failure");
            System.out.println("[console article] page at failure: " + driver.getCurrentUrl() + "\n" + main());
            throw e;
        }
    }

    void walkThrough() {
        driver.get("http://localhost:" + port + "/console");
        view("login");
        driver.findElement(By.cssSelector("input[name=username]")).sendKeys(username);
        driver.findElement(By.cssSelector("input[name=password]")).sendKeys(password);
        driver.findElement(By.cssSelector("input[name=tenant]")).sendKeys(tenant.slug());
        driver.findElement(By.cssSelector("main button[type=submit]")).click();
        view("spaces");
        driver.findElement(By.cssSelector("nav a[href='#/articles']")).click();
        view("articles");
        waitFor(20).until(d -> d.findElement(By.id("article-clusters")).getText().contains("Wertstoffhof"));
        check("list");
        driver.findElements(By.cssSelector("#article-clusters button")).getFirst().click();
        String questions = driver.findElement(By.cssSelector("#article-form textarea[name=questions]")).getDomProperty("value");
        assertThat(questions).contains("Wann hat der Wertstoffhof geöffnet?").contains("Öffnungszeiten Wertstoffhof am Samstag?");
        assertThat(driver.findElement(By.cssSelector("#article-form input[name=title]")).getDomProperty("value"))
                .containsIgnoringCase("wertstoffhof");
        assertThat(driver.switchTo().activeElement().getDomAttribute("name")).as("focus on the answer").isEqualTo("body");
        driver.switchTo().activeElement().sendKeys("Der Wertstoffhof hat dienstags bis samstags von 8 bis 16 Uhr geöffnet.");
        driver.findElement(By.cssSelector("#article-form button[type=submit]")).click();

        view("article");
        waitFor(20).until(d -> main().contains("Entwurf"));
        assertThat(main()).contains("Wann hat der Wertstoffhof geöffnet?").contains("dienstags bis samstags");
        check("draft");
        driver.findElements(By.cssSelector("main button")).stream().filter(b -> b.getText().equals("Zur Prüfung geben"))
                .findFirst().orElseThrow().click();
        waitFor(20).until(d -> main().contains("In Prüfung"));
        assertThat(driver.findElements(By.cssSelector("main button")).stream().map(b -> b.getText()).toList())
                .as("an editor is offered no review").doesNotContain("Freigeben", "Ablehnen");

        assertThat(clusters()).as("the cluster's questions are handled").isEmpty();
        JsonNode drafts = api.get(base + "/kb/articles?status=in_review", api.adminToken()).json();
        assertThat(drafts.get("total").asLong()).isEqualTo(1);
        assertThat(drafts.get("items").get(0).get("questions").size()).isEqualTo(2);
        assertThat(violations).as("axe-core serious/critical violations").isEmpty();
    }
}
