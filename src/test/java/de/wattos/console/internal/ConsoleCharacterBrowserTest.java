package de.wattos.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.support.OpenAiStub;
import de.wattos.support.ProviderStub;
import de.wattos.support.TestApi;
import de.wattos.widget.internal.BrowserSupport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The console's character views in real headless Chromium, as an editor uses them: a character "aus einem Satz"
 * (proposal with provenance, then saved as the default, with its versions and the try-out chat), target groups
 * derived from the indexed content and approved, agents generated, validated and sent to review; German first,
 * then English; axe-core on every page.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleCharacterBrowserTest {

    static final Map<String, String> PAGES = Map.of(
            "familien.md", "# Familien\nFamilien mit Kindern finden drei Kitas und einen Kindergarten. Eltern melden ihr Kind über "
                    + "das Kita-Portal für einen Betreuungsplatz an. Alleinerziehende erhalten einen Zuschuss zur Kinderbetreuung.",
            "senioren.md", "# Senioren\nDer Seniorenrat berät ältere Menschen zu Pflege, Rente und Wohnen im Alter. Die Pflegeberatung "
                    + "ist dienstags im Rathaus; der Seniorentreff lädt Rentnerinnen und Rentner jeden Mittwoch ein.",
            "gewerbe.md", "# Gewerbe\nUnternehmen und Gründer melden ein Gewerbe im Bürgerbüro an. Die Wirtschaftsförderung berät "
                    + "Betriebe zu Gewerbeflächen und Förderprogrammen. Die Gewerbesteuer wird vierteljährlich fällig.");

    @LocalServerPort
    int port;
    ChromeDriver driver;
    TestApi api;
    String slug;
    String username;
    String password;
    final List<String> violations = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        BrowserSupport.assumeChromium();
        api = new TestApi(port);
        TestApi.Tenant tenant = api.createTenant();
        slug = tenant.slug();
        username = "redaktion-" + UUID.randomUUID().toString().substring(0, 6);
        password = "pw-" + UUID.randomUUID();
        TestApi.Response user = api.post("/api/v1/tenants/" + slug + "/users", api.adminToken(),
                Map.of("username", username, "password", password, "roles", List.of("EDITOR")));
        assertThat(user.status()).as(user.toString()).isEqualTo(201);
        String editor = api.login(username, password, slug);
        String base = "/api/v1/tenants/" + slug;
        String space = api.post(base + "/spaces", editor, Map.of("name", "Website")).json().get("id").asString();
        Map<String, byte[]> files = new LinkedHashMap<>();
        PAGES.forEach((name, text) -> files.put(name, text.getBytes(StandardCharsets.UTF_8)));
        assertThat(api.multipart(base + "/spaces/" + space + "/documents", editor, "files", files).status()).isEqualTo(202);
        long deadline = System.currentTimeMillis() + 120_000;
        while (api.get(base + "/spaces/" + space + "/documents?status=indexed", editor).json().get("total").asLong() < PAGES.size()) {
            assertThat(System.currentTimeMillis()).as("documents indexed in time").isLessThan(deadline);
            Thread.sleep(200);
        }
        driver = BrowserSupport.start();
    }

    @AfterAll
    void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    FluentWait<WebDriver> waitFor(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds)).ignoring(org.openqa.selenium.StaleElementReferenceException.class, java.util.NoSuchElementException.class);
    }

    void view(String name) {
        waitFor(30).until(d -> name.equals(d.findElement(By.tagName("body")).getDomAttribute("data-view")));
    }

    void check(String name) {
        BrowserSupport.screenshot(driver, "console-character-" + name);
        violations.addAll(BrowserSupport.seriousViolations(driver, "console " + name).stream().map(v -> name + ": " + v).toList());
    }

    void type(String selector, String text) {
        WebElement e = driver.findElement(By.cssSelector(selector));
        e.clear();
        e.sendKeys(text);
    }

    String value(String selector) {
        return driver.findElement(By.cssSelector(selector)).getDomProperty("value");
    }

    String main() {
        return driver.findElement(By.tagName("main")).getText();
    }

    @Test
    void characterFromOneSentencePersonasAndAgentsInGermanAndEnglish() {
        try {
            walkThrough();
        } catch (RuntimeException | AssertionError e) {
            BrowserSupport.screenshot(driver, "console-character-failure");
            System.out.println("[console characters] page at failure: " + driver.getCurrentUrl() + "\n" + main());
            throw e;
        }
    }

    /** Opens the console, logged in as the editor (the session of an earlier test may still hold). */
    void logIn() {
        driver.get("http://localhost:" + port + "/console");
        waitFor(30).until(d -> d.findElements(By.cssSelector("nav a[href='#/characters']")).size() == 1
                || "login".equals(d.findElement(By.tagName("body")).getDomAttribute("data-view")));
        if ("login".equals(driver.findElement(By.tagName("body")).getDomAttribute("data-view"))) {
            type("input[name=username]", username);
            type("input[name=password]", password);
            type("input[name=tenant]", slug);
            driver.findElement(By.cssSelector("main button[type=submit]")).click();
        }
        waitFor(20).until(d -> d.findElements(By.cssSelector("nav a[href='#/characters']")).size() == 1);
    }

    /**
     * The try-out chat answers with the character as the editor shows it, before it is saved: the edited greeting
     * opens the conversation, a question on an edited refused topic gets the edited refusal, a later edit holds from
     * the next question on, and the model is prompted with the edited name and tone (a loopback OpenAI-compatible
     * model records its prompt). Nothing is saved.
     */
    @Test
    void theTryOutChatAnswersWithTheUnsavedEdits() throws Exception {
        String base = "/api/v1/tenants/" + slug;
        String admin = api.userToken(slug, de.wattos.platform.Role.TENANT_ADMIN);
        try (OpenAiStub model = new OpenAiStub()) {
            model.always(ProviderStub.answer("Das Gewerbe melden Sie im Bürgerbüro an [1]."));
            TestApi.Response provider = api.post(base + "/llm/providers", admin, Map.of("name", "stub", "type", "openai",
                    "baseUrl", model.baseUri() + "/v1", "apiKey", "sk-test", "defaultModel", "stub-model"));
            assertThat(provider.status()).as(provider.toString()).isEqualTo(201);
            try {
                logIn();
                driver.get("http://localhost:" + port + "/console/#/characters/new");
                view("character");
                waitFor(10).until(d -> d.findElements(By.cssSelector("main form input[name=name]")).size() == 1);
                type("main input[name=name]", "Tessa");
                type("main textarea[name=greeting]", "Moin, ich bin Tessa aus dem Entwurf!");
                type("main textarea[name=refusedTopics]", "Steuertipps");
                type("main textarea[name=refusalText]", "Steuertipps gibt es bei mir nicht, frag das Finanzamt.");
                new Select(driver.findElement(By.cssSelector("main select[name=tone]"))).selectByValue("plain");
                new Select(driver.findElement(By.cssSelector("main select[name=address]"))).selectByValue("du");

                tryOutAsk("Gibt es Steuertipps für die Gewerbesteuer?");
                waitFor(30).until(d -> tryOutLog().contains("Steuertipps gibt es bei mir nicht, frag das Finanzamt."));
                assertThat(tryOutLog()).startsWith("Moin, ich bin Tessa aus dem Entwurf!");
                check("character-try-out");

                // edited again, still unsaved: the same conversation follows the edit
                type("main textarea[name=refusalText]", "Dazu sage ich nichts, bitte frag das Finanzamt.");
                tryOutAsk("Hast du Steuertipps?");
                waitFor(30).until(d -> tryOutLog().contains("Dazu sage ich nichts, bitte frag das Finanzamt."));

                // a question the model answers: prompted as Tessa in the edited tone
                tryOutAsk("Wo melde ich ein Gewerbe an?");
                waitFor(30).until(d -> tryOutLog().contains("Das Gewerbe melden Sie im Bürgerbüro an"));
                String system = model.lastChat().json().get("messages").get(0).get("content").asString();
                assertThat(system).contains("Du bist Tessa").contains("Ton: klar, kurz und in einfacher Sprache")
                        .contains("Duze die Menschen");

                assertThat(api.get(base + "/characters?size=100", admin).body()).as("the try-out saved nothing")
                        .doesNotContain("Tessa");
            } finally {
                api.delete(base + "/llm/providers/" + provider.json().get("id").asString(), admin);
            }
        } catch (RuntimeException | AssertionError e) {
            BrowserSupport.screenshot(driver, "console-character-try-out-failure");
            System.out.println("[console characters] page at failure: " + driver.getCurrentUrl() + "\n" + main());
            throw e;
        }
        assertThat(violations).as("axe-core serious/critical violations on the try-out").isEmpty();
    }

    void tryOutAsk(String question) {
        WebElement box = driver.findElement(By.cssSelector("main section[aria-labelledby=h-try]"));
        WebElement content = box.findElement(By.cssSelector("textarea[name=content]"));
        content.clear();
        content.sendKeys(question);
        box.findElement(By.xpath(".//button[.='Fragen']")).click();
    }

    String tryOutLog() {
        return driver.findElement(By.cssSelector("main section[aria-labelledby=h-try] .chat-log")).getText();
    }

    void walkThrough() {
        logIn();

        // characters: the default one migrated from the tenant's settings is listed
        driver.findElement(By.cssSelector("nav a[href='#/characters']")).click();
        view("characters");
        waitFor(10).until(d -> d.findElement(By.tagName("h1")).getText().equals("Charaktere"));
        assertThat(main()).contains("Standard");
        check("characters");

        // "aus einem Satz": the proposal fills the editor, with where each value came from
        driver.findElement(By.cssSelector("main a[href='#/characters/new']")).click();
        view("character");
        type("main textarea[name=prompt]", "Freundliche Assistentin Lena der Gemeinde Bad Boll, duzt, hilft bei Kita und Pflege, "
                + "keine Rechtsberatung");
        driver.findElement(By.xpath("//main//button[.='Vorschlag erstellen']")).click();
        waitFor(20).until(d -> "Lena".equals(value("main input[name=name]")));
        assertThat(value("main input[name=organisation]")).isEqualTo("Gemeinde Bad Boll");
        assertThat(new Select(driver.findElement(By.cssSelector("main select[name=address]"))).getFirstSelectedOption().getText())
                .isEqualTo("du (duzen)");
        assertThat(value("main textarea[name=refusedTopics]")).isEqualTo("Rechtsberatung");
        assertThat(value("main textarea[name=refusalText]")).contains("Wende dich bitte");
        assertThat(main()).contains("aus dem Satz").contains("deutschen Regeln").contains("Hinweise");
        check("character-proposal");
        driver.findElement(By.id("make-default")).click();
        driver.findElement(By.xpath("//main//form[.//input[@name='name']]//button[.='Speichern']")).click();
        waitFor(20).until(d -> d.getCurrentUrl().matches(".*#/characters/[0-9a-f-]{36}$"));
        view("character");
        waitFor(20).until(d -> main().contains("Versionen") && main().contains("Ausprobieren"));
        assertThat(driver.findElements(By.cssSelector("main textarea[name=content]"))).as("try-out chat beside the editor").hasSize(1);
        check("character-saved");

        // target groups from the indexed content
        driver.findElement(By.cssSelector("nav a[href='#/personas']")).click();
        view("personas");
        type("main input[name=minQualityScore]", "0");
        driver.findElement(By.xpath("//main//button[.='Ableiten']")).click();
        waitFor(60).until(d -> d.findElements(By.cssSelector("main article.persona")).size() >= 2);
        waitFor(10).until(d -> main().contains("Zielgruppen behalten"));
        assertThat(main()).contains("Beantwortbarkeit").contains("vorgeschlagen");
        check("personas");
        WebElement first = driver.findElements(By.cssSelector("main article.persona")).getFirst();
        String personaName = first.findElement(By.tagName("h3")).getText().split("\n")[0].replace(" vorgeschlagen", "");
        first.findElement(By.xpath(".//button[starts-with(., 'Freigeben')]")).click();
        // the list re-renders after the approval: between two renders it may be empty for a moment
        waitFor(20).until(d -> d.findElements(By.cssSelector("main article.persona")).stream().findFirst()
                .map(p -> p.getText().contains("freigegeben")).orElse(false));
        waitFor(10).until(d -> {
            d.findElements(By.cssSelector("main article.persona")).getFirst().findElement(By.cssSelector("input[type=checkbox]")).click();
            return true;
        });
        driver.findElement(By.xpath("//main//button[.='Agenten für die ausgewählten Zielgruppen erzeugen']")).click();

        // agents: generated, validated, sent to review
        view("agents");
        waitFor(20).until(d -> d.findElements(By.cssSelector("main article.agent")).size() == 1);
        assertThat(main()).contains("Lena für").contains("Entwurf").contains("questions_answerable").contains("Agent-Laufzeit");
        assertThat(personaName).isNotBlank();
        check("agents");
        driver.findElement(By.xpath("//main//button[starts-with(., 'Zur Prüfung geben')]")).click();
        waitFor(20).until(d -> main().contains("In Prüfung"));

        // English second: the same views from the message dictionaries
        driver.get("http://localhost:" + port + "/console/#/personas");
        view("personas");
        driver.findElement(By.xpath("//header//button[.='English']")).click();
        waitFor(10).until(d -> d.findElement(By.cssSelector("nav a[href='#/personas']")).getText().equals("Target groups"));
        waitFor(10).until(d -> d.findElement(By.tagName("h1")).getText().equals("Target groups"));
        driver.findElement(By.cssSelector("nav a[href='#/agents']")).click();
        view("agents");
        waitFor(10).until(d -> main().contains("In review") && main().contains("Validation"));
        check("agents-en");
        driver.findElement(By.xpath("//header//button[.='Deutsch']")).click();
        assertThat(violations).as("axe-core serious/critical violations on the character pages").isEmpty();
    }
}
