package de.wattos.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.support.TestApi;
import de.wattos.voice.internal.contract.OpenAiSpeechContractTest.OpenAiSpeechStub;
import de.wattos.voice.internal.contract.VoiceStub;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The console's voice page in real headless Chromium, as a tenant admin uses it: the built-in espeak-ng is listed and
 * previewed (audio in the page), an OpenAI-compatible speech service (a loopback stub speaking its protocol) is added
 * with a key that never comes back, previewed through the service, and chosen as a character's voice; German first,
 * then English; axe-core on the page.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleVoiceBrowserTest {

    static final String KEY = "sk-geheim-4711-stimme";

    @LocalServerPort
    int port;
    ChromeDriver driver;
    TestApi api;
    String slug;
    String username;
    String password;
    String characterId;
    final List<String> violations = new ArrayList<>();

    @BeforeAll
    void start() {
        BrowserSupport.assumeChromium();
        api = new TestApi(port);
        slug = api.createTenant().slug();
        username = "stimmen-" + UUID.randomUUID().toString().substring(0, 6);
        password = "pw-" + UUID.randomUUID();
        TestApi.Response user = api.post("/api/v1/tenants/" + slug + "/users", api.adminToken(),
                Map.of("username", username, "password", password, "roles", List.of("TENANT_ADMIN")));
        assertThat(user.status()).as(user.toString()).isEqualTo(201);
        TestApi.Response character = api.post("/api/v1/tenants/" + slug + "/characters?makeDefault=true",
                api.login(username, password, slug), Map.of("name", "Lotte", "tone", "friendly", "address", "Sie"));
        assertThat(character.status()).as(character.toString()).isEqualTo(201);
        characterId = character.json().path("id").asString();
        driver = BrowserSupport.start("--autoplay-policy=no-user-gesture-required");
    }

    @AfterAll
    void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    FluentWait<WebDriver> waitFor(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds)).ignoring(org.openqa.selenium.StaleElementReferenceException.class,
                java.util.NoSuchElementException.class);
    }

    void type(String selector, String text) {
        WebElement e = driver.findElement(By.cssSelector(selector));
        e.clear();
        e.sendKeys(text);
    }

    String main() {
        return driver.findElement(By.tagName("main")).getText();
    }

    String result() {
        return driver.findElement(By.cssSelector("[data-role=voice-result]")).getText();
    }

    @Test
    void providersArePreviewedAddedWithASecretKeyAndChosenPerCharacterInGermanAndEnglish() {
        try (VoiceStub service = new OpenAiSpeechStub()) {
            walkThrough(service);
        } catch (RuntimeException | AssertionError e) {
            BrowserSupport.screenshot(driver, "console-voice-failure");
            System.out.println("[console voice] page at failure: " + driver.getCurrentUrl() + "\n" + main());
            throw e;
        }
        assertThat(violations).as("axe-core serious/critical violations").isEmpty();
    }

    private void walkThrough(VoiceStub service) {
        driver.get("http://localhost:" + port + "/console");
        waitFor(30).until(d -> "login".equals(d.findElement(By.tagName("body")).getDomAttribute("data-view")));
        type("input[name=username]", username);
        type("input[name=password]", password);
        type("input[name=tenant]", slug);
        driver.findElement(By.cssSelector("main button[type=submit]")).click();
        waitFor(20).until(d -> d.findElements(By.cssSelector("nav a[href='#/voice']")).size() == 1);
        assertThat(driver.findElement(By.cssSelector("nav a[href='#/voice']")).getText()).isEqualTo("Stimmen");
        driver.findElement(By.cssSelector("nav a[href='#/voice']")).click();
        waitFor(20).until(d -> "voice".equals(d.findElement(By.tagName("body")).getDomAttribute("data-view")));
        assertThat(driver.findElement(By.cssSelector("main h1")).getText()).isEqualTo("Stimmen und Sprachdienste");
        assertThat(main()).contains("espeak-ng (eingebaut, offline)").contains("verfügbar").contains("Lotte");

        // the built-in engine speaks in the page
        driver.findElement(By.cssSelector("button[data-preview=espeak]")).click();
        waitFor(30).until(d -> result().startsWith("Vorschau bereit"));
        WebElement audio = driver.findElement(By.cssSelector("audio[data-role=voice-audio]"));
        assertThat(audio.getDomProperty("src")).startsWith("data:audio/wav;base64,UklGR"); // "RIFF"
        waitFor(20).until(d -> !Boolean.parseBoolean(String.valueOf(driver.executeScript(
                "const a = document.querySelector('audio[data-role=voice-audio]'); return a.readyState === 0 || !!a.error;"))));
        assertThat(((Number) driver.executeScript("return document.querySelector('audio[data-role=voice-audio]').duration"))
                .doubleValue()).as("the browser decodes the preview").isPositive();

        // a cloud service: the key goes in once and never comes back
        type("form[data-role=voice-provider-form] input[name=name]", "Cloud Stimme");
        new Select(driver.findElement(By.cssSelector("form[data-role=voice-provider-form] select[name=type]"))).selectByValue("openai");
        type("form[data-role=voice-provider-form] input[name=baseUrl]", service.baseUri().toString());
        type("form[data-role=voice-provider-form] input[name=apiKey]", KEY);
        type("form[data-role=voice-provider-form] input[name=voice]", "nova");
        driver.findElement(By.cssSelector("form[data-role=voice-provider-form] button[type=submit]")).click();
        waitFor(20).until(d -> d.findElements(By.cssSelector("button[data-preview='Cloud Stimme']")).size() == 1);
        assertThat(main()).contains("Cloud Stimme").contains("hinterlegt (••••, seit ").doesNotContain(KEY);
        assertThat(driver.getPageSource()).doesNotContain(KEY).doesNotContain("4711-stimme");
        assertThat(driver.findElement(By.cssSelector("form[data-role=voice-provider-form] input[name=apiKey]")).getDomProperty("value")).isEmpty();
        String admin = api.login(username, password, slug);
        assertThat(api.get("/api/v1/tenants/" + slug + "/voice/providers", admin).body()).doesNotContain(KEY);
        BrowserSupport.screenshot(driver, "console-voice");
        violations.addAll(BrowserSupport.seriousViolations(driver, "console voice"));

        // its preview goes through the service with the stored key
        driver.findElement(By.cssSelector("button[data-preview='Cloud Stimme']")).click();
        waitFor(30).until(d -> result().startsWith("Vorschau bereit: Cloud Stimme"));
        assertThat(service.last().header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(TestApi.JSON.readTree(service.last().body()).path("voice").asString()).isEqualTo("nova");

        // edited in place: the form comes back filled (never with the key), an empty key field keeps the key
        driver.findElement(By.cssSelector("button[data-edit='Cloud Stimme']")).click();
        waitFor(10).until(d -> d.findElement(By.cssSelector("form[data-role=voice-provider-form] h2")).getText()
                .equals("Sprachdienst bearbeiten: Cloud Stimme"));
        assertThat(driver.findElement(By.cssSelector("form[data-role=voice-provider-form] input[name=baseUrl]"))
                .getDomProperty("value")).isEqualTo(service.baseUri().toString());
        assertThat(driver.findElement(By.cssSelector("form[data-role=voice-provider-form] input[name=voice]"))
                .getDomProperty("value")).isEqualTo("nova");
        assertThat(driver.findElement(By.cssSelector("form[data-role=voice-provider-form] input[name=apiKey]"))
                .getDomProperty("value")).isEmpty();
        type("form[data-role=voice-provider-form] input[name=voice]", "alloy");
        type("form[data-role=voice-provider-form] input[name=timeoutSeconds]", "12");
        driver.findElement(By.cssSelector("form[data-role=voice-provider-form] button[type=submit]")).click();
        waitFor(20).until(d -> "alloy".equals(api.get("/api/v1/tenants/" + slug + "/voice/providers", admin).json()
                .path(0).path("voice").asString()));
        TestApi.Response edited = api.get("/api/v1/tenants/" + slug + "/voice/providers", admin);
        assertThat(edited.json().size()).as("edited, not added").isEqualTo(1);
        assertThat(edited.json().path(0).path("timeoutSeconds").asInt()).isEqualTo(12);
        assertThat(edited.json().path(0).path("hasApiKey").asBoolean()).isTrue();
        waitFor(20).until(d -> d.findElement(By.cssSelector("form[data-role=voice-provider-form] h2")).getText()
                .equals("Sprachdienst hinzufügen"));
        driver.findElement(By.cssSelector("button[data-preview='Cloud Stimme']")).click();
        waitFor(30).until(d -> TestApi.JSON.readTree(service.last().body()).path("voice").asString().equals("alloy"));
        assertThat(service.last().header("Authorization")).as("the key was kept").isEqualTo("Bearer " + KEY);

        // Lotte speaks with the cloud voice
        WebElement row = driver.findElement(By.cssSelector("form[data-character='" + characterId + "']"));
        new Select(row.findElement(By.cssSelector("select[name=provider]"))).selectByValue("Cloud Stimme");
        WebElement voiceName = row.findElement(By.cssSelector("input[name=voice]"));
        voiceName.clear();
        voiceName.sendKeys("shimmer");
        row.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(20).until(d -> "Cloud Stimme".equals(api.get("/api/v1/tenants/" + slug + "/characters/" + characterId, admin)
                .json().path("character").path("voice").path("provider").asString()));
        assertThat(api.get("/api/v1/tenants/" + slug + "/characters/" + characterId, admin).json().path("character")
                .path("voice").path("voice").asString()).isEqualTo("shimmer");

        // English
        driver.findElement(By.xpath("//header//button[.='English']")).click();
        waitFor(20).until(d -> "Voices and speech services".equals(d.findElement(By.cssSelector("main h1")).getText()));
        assertThat(driver.findElement(By.cssSelector("nav a[href='#/voice']")).getText()).isEqualTo("Voices");
        assertThat(main()).contains("espeak-ng (built in, offline)").contains("Voice per character").contains("stored");
        assertThat(new Select(driver.findElement(By.cssSelector("form[data-character='" + characterId + "'] select[name=provider]")))
                .getFirstSelectedOption().getDomAttribute("value")).isEqualTo("Cloud Stimme");
        violations.addAll(BrowserSupport.seriousViolations(driver, "console voice en"));
        driver.findElement(By.xpath("//header//button[.='Deutsch']")).click();
    }
}
