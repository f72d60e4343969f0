package de.wattos.agent;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The console inbox in real headless Chromium, used with the keyboard: a run paused for approval appears, the
 * reviewer comments and approves, and the page shows the run continuing to its answer; a second request arrives live
 * and is rejected; then the same page in English. axe-core on every state.
 */
@IntegrationTest
class AgentInboxBrowserTest {

    @LocalServerPort
    int port;
    ChromeDriver driver;
    TestApi api;
    String slug;
    String runtime;
    String admin;
    String username;
    String password;
    final List<String> violations = new ArrayList<>();

    @BeforeEach
    void start() {
        BrowserSupport.assumeChromium();
        api = new TestApi(port);
        slug = api.createTenant().slug();
        runtime = "/api/v1/tenants/" + slug + "/agent-runtime";
        username = "pruefung-" + UUID.randomUUID().toString().substring(0, 6);
        password = "pw-" + UUID.randomUUID();
        assertThat(api.post("/api/v1/tenants/" + slug + "/users", api.adminToken(),
                Map.of("username", username, "password", password, "roles", List.of("TENANT_ADMIN"))).status()).isEqualTo(201);
        admin = api.login(username, password, slug);
        assertThat(api.post(runtime + "/services", admin, Map.of("name", "Hundesteuer – Anmeldung eines Hundes", "kind", "form",
                "url", "https://www.example.de/hund", "office", "Steueramt", "keywords", List.of("Hund", "Hundemarke"))).status())
                .isEqualTo(201);
        assertThat(api.put(runtime + "/policy", admin, Map.of("approvalTools", List.of("service_link"))).status()).isEqualTo(200);
        driver = BrowserSupport.start();
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    private JsonNode pausedRun(String question) {
        JsonNode run = api.post(runtime + "/runs", admin, Map.of("question", question)).json();
        assertThat(run.get("status").asString()).isEqualTo("awaiting_approval");
        return run;
    }

    FluentWait<WebDriver> waitFor(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class, java.util.NoSuchElementException.class);
    }

    String main() {
        return driver.findElement(By.tagName("main")).getText();
    }

    void check(String name) {
        BrowserSupport.screenshot(driver, "agent-inbox-" + name);
        violations.addAll(BrowserSupport.seriousViolations(driver, "inbox " + name).stream().map(v -> name + ": " + v).toList());
    }

    /** Tabs forward until the focused element satisfies the check (keyboard only; fails after many steps). */
    WebElement tabTo(java.util.function.Predicate<WebElement> wanted) {
        for (int i = 0; i < 80; i++) {
            WebElement focused = driver.switchTo().activeElement();
            if (wanted.test(focused)) {
                return focused;
            }
            focused.sendKeys(Keys.TAB);
        }
        throw new AssertionError("keyboard focus never reached the element");
    }

    @Test
    void aReviewerApprovesWithTheKeyboardAndSeesTheRunContinue() {
        try {
            walkThrough();
        } catch (RuntimeException | AssertionError e) {
            BrowserSupport.screenshot(driver, "agent-inbox-failure");
            System.out.println("[agent inbox] page at failure: " + driver.getCurrentUrl() + "\n" + main());
            throw e;
        }
        assertThat(violations).isEmpty();
    }

    void walkThrough() {
        JsonNode first = pausedRun("Ich habe einen neuen Hund. Wo melde ich ihn an?");
        driver.get("http://localhost:" + port + "/console");
        waitFor(30).until(d -> "login".equals(d.findElement(By.tagName("body")).getDomAttribute("data-view")));
        driver.findElement(By.cssSelector("input[name=username]")).sendKeys(username);
        driver.findElement(By.cssSelector("input[name=password]")).sendKeys(password);
        driver.findElement(By.cssSelector("input[name=tenant]")).sendKeys(slug, Keys.ENTER);
        waitFor(20).until(d -> d.findElements(By.cssSelector("nav a[href='#/inbox']")).size() == 1);
        driver.findElement(By.cssSelector("nav a[href='#/inbox']")).click();
        waitFor(20).until(d -> main().contains("Freigabe: service_link"));
        assertThat(main()).contains("Ich habe einen neuen Hund. Wo melde ich ihn an?").contains("Argumente für service_link");
        check("pending");

        // keyboard only: into the comment field, then on to "Freigeben" and Enter
        driver.findElement(By.cssSelector("main article.approval textarea")).click();
        WebElement note = tabTo(e -> "note".equals(e.getDomAttribute("name")));
        note.sendKeys("Passt, bitte weiter.");
        WebElement approve = tabTo(e -> "Freigeben".equals(e.getText()));
        approve.sendKeys(Keys.ENTER);
        waitFor(30).until(d -> main().contains("Freigegeben. Der Lauf geht weiter – Status: abgeschlossen."));
        assertThat(main()).contains("Dafür gibt es die Leistung „Hundesteuer – Anmeldung eines Hundes“");
        JsonNode resumed = api.get(runtime + "/runs/" + first.get("id").asString(), admin).json();
        assertThat(resumed.get("status").asString()).isEqualTo("completed");
        String audit = api.get("/api/v1/tenants/" + slug + "/audit?size=50", admin).body();
        assertThat(audit).contains("agent.approval.approved");
        check("approved");

        // a new request arrives while the page is open, and is rejected with a comment
        pausedRun("Wo bekomme ich eine Hundemarke?");
        waitFor(30).until(d -> main().contains("Wo bekomme ich eine Hundemarke?"));
        WebElement reject = driver.findElement(By.xpath("//main//article[contains(@class,'approval')]//button[.='Ablehnen']"));
        driver.findElement(By.cssSelector("main article.approval input[name=note]")).sendKeys("Bitte persönlich klären.");
        reject.sendKeys(Keys.ENTER);
        waitFor(30).until(d -> main().contains("Abgelehnt."));
        assertThat(api.get(runtime + "/approvals?status=denied", admin).json().get("items").get(0).get("note").asString())
                .isEqualTo("Bitte persönlich klären.");
        assertThat(main()).contains("Keine Anfrage wartet auf Freigabe.");

        // English from the same dictionaries
        driver.findElement(By.xpath("//header//button[.='English']")).click();
        waitFor(20).until(d -> main().contains("No request is waiting for approval."));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Inbox");
        check("english");
    }
}
