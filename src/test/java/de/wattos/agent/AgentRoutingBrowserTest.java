package de.wattos.agent;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.support.TestApi;
import de.wattos.widget.internal.BrowserSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The console's routing page in real headless Chromium: a tenant admin sees the three published agents taking part,
 * the decision of a routed conversation (which agent took the question, that it switched, by the words), tries
 * questions (with and without a current agent), gets the German field error for an empty question, and the page in
 * English. axe-core on every state.
 */
@IntegrationTest
class AgentRoutingBrowserTest {

    @LocalServerPort
    int port;
    ChromeDriver driver;
    TestApi api;
    String slug;
    String base;
    String admin;
    String username;
    String password;
    final Map<String, String> agentIds = new LinkedHashMap<>();
    final Map<String, String> names = new HashMap<>();
    final List<String> violations = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        BrowserSupport.assumeChromium();
        api = new TestApi(port);
        slug = api.createTenant().slug();
        base = "/api/v1/tenants/" + slug;
        username = "routing-" + UUID.randomUUID().toString().substring(0, 6);
        password = "pw-" + UUID.randomUUID();
        assertThat(api.post(base + "/users", api.adminToken(),
                Map.of("username", username, "password", password, "roles", List.of("TENANT_ADMIN"))).status()).isEqualTo(201);
        admin = api.login(username, password, slug);
        AgentFixtures.threeRoutedAgents(api, base, admin, agentIds, names);
        String conversation = api.post(base + "/conversations", admin, Map.of("agentId", agentIds.get("wohnen")))
                .json().get("id").asString();
        TestApi.Response asked = api.post(base + "/conversations/" + conversation + "/messages", admin,
                Map.of("content", "Wo melde ich ein Gewerbe an und was kostet die Gewerbeanmeldung?"));
        assertThat(asked.status()).as(asked.body()).isEqualTo(200);
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
        BrowserSupport.screenshot(driver, "agent-routing-" + name);
        violations.addAll(BrowserSupport.seriousViolations(driver, "routing " + name).stream().map(v -> name + ": " + v).toList());
    }

    @Test
    void anAdminSeesParticipantsDecisionsAndTriesQuestions() {
        try {
            walkThrough();
        } catch (RuntimeException | AssertionError e) {
            BrowserSupport.screenshot(driver, "agent-routing-failure");
            System.out.println("[agent routing] page at failure: " + driver.getCurrentUrl() + "\n" + main());
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
        waitFor(20).until(d -> d.findElements(By.cssSelector("nav a[href='#/routing']")).size() == 1);
        driver.findElement(By.cssSelector("nav a[href='#/routing']")).click();
        waitFor(30).until(d -> "routing".equals(d.findElement(By.tagName("body")).getDomAttribute("data-view")));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Routing zwischen Agenten");
        List<String> taking = driver.findElements(By.cssSelector("main ul.participants li")).stream().map(WebElement::getText).toList();
        assertThat(taking).hasSize(3).allMatch(l -> l.contains("nimmt teil"));
        assertThat(String.join("\n", taking)).contains(names.get("wohnen"), names.get("wirtschaft"), names.get("familie"));

        // the routed conversation's decision: the question, who took it, why
        List<WebElement> rows = driver.findElements(By.cssSelector("main table tbody tr"));
        assertThat(rows).hasSize(1);
        String row = rows.get(0).getText();
        assertThat(row).contains("Wo melde ich ein Gewerbe an und was kostet die Gewerbeanmeldung?", names.get("wirtschaft"),
                "nach den Worten der Frage", "wechselt von " + names.get("wohnen"));
        check("overview");

        // try a question without and with a current agent
        WebElement question = driver.findElement(By.cssSelector("main form.routing-try textarea[name=question]"));
        question.sendKeys("Wie bekomme ich einen Kitaplatz für mein Kind?");
        driver.findElement(By.cssSelector("main form.routing-try button[type=submit]")).click();
        waitFor(20).until(d -> d.findElement(By.cssSelector("main .routing-result")).getText().contains(names.get("familie")));
        assertThat(driver.findElement(By.cssSelector("main .routing-result")).getText())
                .contains("Diese Frage übernimmt:", "erste Zuordnung");
        new Select(driver.findElement(By.cssSelector("main form.routing-try select[name=currentAgentId]")))
                .selectByVisibleText(names.get("wohnen"));
        driver.findElement(By.cssSelector("main form.routing-try button[type=submit]")).click();
        waitFor(20).until(d -> d.findElement(By.cssSelector("main .routing-result")).getText()
                .contains("wechselt von " + names.get("wohnen")));
        assertThat(api.get(base + "/agent-runtime/routing/decisions", admin).json().get("total").asLong())
                .as("a try-out stores nothing").isEqualTo(1);
        check("tried");

        // an empty question: the server's German field error at the field
        question.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        driver.findElement(By.cssSelector("main form.routing-try button[type=submit]")).click();
        waitFor(20).until(d -> "true".equals(d.findElement(By.cssSelector("main form.routing-try textarea[name=question]"))
                .getDomAttribute("aria-invalid")));
        String errorId = question.getDomAttribute("aria-describedby");
        assertThat(driver.findElement(By.id(errorId)).getText()).isEqualTo("muss 1 bis 2000 Zeichen lang sein");
        assertThat(driver.findElement(By.cssSelector("main .routing-result")).getText()).isEmpty();
        check("field-error");

        driver.findElement(By.xpath("//header//button[.='English']")).click();
        waitFor(20).until(d -> d.findElement(By.tagName("h1")).getText().equals("Routing between agents"));
        waitFor(20).until(d -> main().contains("by the words of the question"));
        assertThat(main()).contains("Agents taking part", "takes part", "Recent decisions", "switches from " + names.get("wohnen"));
        check("english");
    }
}
