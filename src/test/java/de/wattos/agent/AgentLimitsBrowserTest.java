package de.wattos.agent;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
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
 * The agent's limits form in the console, in real headless Chromium: a tenant admin sets a daily token budget and a
 * cost cap in euros (German decimal comma), saves, reloads and finds both; a negative cap shows the server's German
 * field error at the field. axe-core on every state.
 */
@IntegrationTest
class AgentLimitsBrowserTest {

    @LocalServerPort
    int port;
    ChromeDriver driver;
    TestApi api;
    String slug;
    String base;
    String admin;
    String username;
    String password;
    String agentId;
    final List<String> violations = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        BrowserSupport.assumeChromium();
        api = new TestApi(port);
        slug = api.createTenant().slug();
        base = "/api/v1/tenants/" + slug;
        username = "limits-" + UUID.randomUUID().toString().substring(0, 6);
        password = "pw-" + UUID.randomUUID();
        assertThat(api.post(base + "/users", api.adminToken(),
                Map.of("username", username, "password", password, "roles", List.of("TENANT_ADMIN"))).status()).isEqualTo(201);
        admin = api.login(username, password, slug);
        agentId = AgentFixtures.agent(api, base, admin).get("id").asString();
        driver = BrowserSupport.start();
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    FluentWait<WebDriver> waitFor(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class, java.util.NoSuchElementException.class);
    }

    String main() {
        return driver.findElement(By.tagName("main")).getText();
    }

    void check(String name) {
        BrowserSupport.screenshot(driver, "agent-limits-" + name);
        violations.addAll(BrowserSupport.seriousViolations(driver, "agent limits " + name).stream().map(v -> name + ": " + v).toList());
    }

    WebElement limits() {
        WebElement details = driver.findElement(By.cssSelector("main details.limits"));
        if (details.getDomAttribute("open") == null) {
            details.findElement(By.tagName("summary")).click();
        }
        return details;
    }

    WebElement control(String name) {
        return limits().findElement(By.cssSelector("input[name=" + name + "]"));
    }

    void type(String name, String value) {
        WebElement input = control(name);
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(value);
    }

    void openAgents() {
        waitFor(20).until(d -> d.findElements(By.cssSelector("nav a[href='#/agents']")).size() == 1);
        driver.findElement(By.cssSelector("nav a[href='#/agents']")).click();
        waitFor(30).until(d -> "agents".equals(d.findElement(By.tagName("body")).getDomAttribute("data-view"))
                && !d.findElements(By.cssSelector("main details.limits")).isEmpty());
    }

    @Test
    void anAdminSetsBudgetAndCostCapAndSeesThemAfterAReload() {
        try {
            walkThrough();
        } catch (RuntimeException | AssertionError e) {
            BrowserSupport.screenshot(driver, "agent-limits-failure");
            System.out.println("[agent limits] page at failure: " + driver.getCurrentUrl() + "\n" + main());
            throw e;
        }
        assertThat(violations).isEmpty();
    }

    void walkThrough() {
        driver.get("http://localhost:" + port + "/console");
        waitFor(30).until(d -> "login".equals(d.findElement(By.tagName("body")).getDomAttribute("data-view")));
        driver.findElement(By.cssSelector("input[name=username]")).sendKeys(username);
        driver.findElement(By.cssSelector("input[name=password]")).sendKeys(password);
        driver.findElement(By.cssSelector("input[name=tenant]")).sendKeys(slug, Keys.ENTER);
        openAgents();
        assertThat(limits().getText()).contains("Kontingent und Kostengrenze").contains("Token je Tag").contains("Kostengrenze je Gespräch in Euro");
        check("closed-open");

        type("tokensPerDay", "5000");
        type("maxCostEurPerConversation", "0,75");
        limits().findElement(By.cssSelector("button[type=submit]")).click();
        String runtime = base + "/agent-runtime/agents/" + agentId;
        waitFor(20).until(d -> api.get(runtime + "/policy", admin).json().path("maxCostEurPerConversation").isNumber());
        JsonNode budget = api.get(runtime + "/budget", admin).json().get("budget");
        assertThat(budget.get("tokensPerDay").asLong()).isEqualTo(5000);
        assertThat(budget.get("tokensPerConversation").isNull()).isTrue();
        assertThat(api.get(runtime + "/policy", admin).json().get("maxCostEurPerConversation").decimalValue())
                .isEqualByComparingTo("0.75");

        // a reload shows what is stored
        driver.navigate().refresh();
        waitFor(30).until(d -> "agents".equals(d.findElement(By.tagName("body")).getDomAttribute("data-view"))
                && !d.findElements(By.cssSelector("main details.limits")).isEmpty());
        assertThat(control("tokensPerDay").getDomProperty("value")).isEqualTo("5000");
        assertThat(control("tokensPerMonth").getDomProperty("value")).isEmpty();
        assertThat(control("maxCostEurPerConversation").getDomProperty("value")).isEqualTo("0,75");
        check("saved");

        // a negative cap: the server's German field error at the field, nothing stored
        type("maxCostEurPerConversation", "-3");
        limits().findElement(By.cssSelector("button[type=submit]")).click();
        WebElement cap = control("maxCostEurPerConversation");
        waitFor(20).until(d -> "true".equals(control("maxCostEurPerConversation").getDomAttribute("aria-invalid")));
        String errorId = cap.getDomAttribute("aria-describedby");
        assertThat(driver.findElement(By.id(errorId)).getText())
                .isEqualTo("muss zwischen 0,01 und 10.000 Euro liegen (leer lassen: keine Grenze)");
        assertThat(limits().findElement(By.cssSelector(".form-error")).getText()).contains("Bitte korrigieren Sie die markierten Felder.");
        assertThat(api.get(runtime + "/policy", admin).json().get("maxCostEurPerConversation").decimalValue())
                .isEqualByComparingTo("0.75");
        check("field-error");
    }
}
