package de.wattos.widget.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import de.wattos.IntegrationTest;
import de.wattos.knowledge.IncomingDocument;
import de.wattos.knowledge.Ingestion;
import de.wattos.platform.Role;
import de.wattos.platform.TenantContext;
import de.wattos.support.TestApi;
import de.wattos.tenancy.Tenants;
import de.wattos.voice.internal.contract.OpenAiTranscriptionContractTest.OpenAiTranscriptionStub;
import de.wattos.voice.internal.contract.VoiceStub;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Voice and the talking avatar in real headless Chromium (WebGL in software, a fake microphone): the widget reads
 * the answer aloud from {@code /speech}, the avatar's mouth morphs follow the visemes on the audio's clock, captions
 * show; a spoken question goes through {@code /transcriptions} into the input; with reduced motion the avatar stands still.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WidgetVoiceBrowserTest {

    static final String[] FLAGS = {"--enable-unsafe-swiftshader", "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream", "--autoplay-policy=no-user-gesture-required"};

    @LocalServerPort
    int port;
    @Autowired
    Ingestion ingestion;
    @Autowired
    Tenants tenants;

    ChromeDriver driver;
    HttpServer site;
    String siteOrigin;
    TestApi api;
    TestApi.Tenant tenant;
    String editor;

    @BeforeAll
    void start() throws IOException {
        BrowserSupport.assumeChromium();
        site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        site.createContext("/", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            String key = query != null && query.startsWith("key=") ? query.substring(4).replaceAll("[^A-Za-z0-9_-]", "") : "";
            byte[] bytes = """
                    <!doctype html><html lang="de"><head><meta charset="utf-8"><title>Gemeinde Musterstadt</title></head>
                    <body><main><h1>Willkommen in Musterstadt</h1><p>Hier finden Sie alles rund um Ihr Rathaus.</p></main>
                    <script src="http://localhost:%d/widget.js" data-wattos-widget="%s" async></script></body></html>
                    """.formatted(port, key).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        site.start();
        siteOrigin = "http://127.0.0.1:" + site.getAddress().getPort();
        driver = BrowserSupport.start(FLAGS);
    }

    @AfterAll
    void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (site != null) {
            site.stop(0);
        }
    }

    @BeforeEach
    void tenant() {
        api = new TestApi(port);
        tenant = api.createTenant();
        editor = api.userToken(tenant.slug(), Role.EDITOR);
    }

    String widget(Map<String, Object> speech, List<String> spaceIds) {
        Map<String, Object> body = new HashMap<>(WidgetApiTest.fullWidget());
        body.remove("avatarUrl");
        body.put("allowedOrigins", List.of(siteOrigin));
        body.put("spaceIds", spaceIds);
        body.put("theme", Map.of("primaryColor", "#005a9c", "colorScheme", "light"));
        body.put("suggestedQuestions", List.of());
        body.put("speech", speech);
        TestApi.Response r = api.post("/api/v1/tenants/" + tenant.slug() + "/widgets", editor, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("publicKey").asString();
    }

    String spaceWithOpeningHours() {
        TestApi.Response space = api.post("/api/v1/tenants/" + tenant.slug() + "/spaces", editor, Map.of("name", "Website"));
        UUID spaceId = UUID.fromString(space.json().get("id").asString());
        TenantContext.runAs(tenants.ref(tenant.id()).orElseThrow(), () -> ingestion.ingest(new IncomingDocument(
                spaceId, null, siteOrigin + "/buergerbuero.html", "Bürgerbüro Musterstadt", "text/html",
                WidgetBrowserTest.BUERGERBUERO.getBytes(StandardCharsets.UTF_8), Map.of())));
        return spaceId.toString();
    }

    @Test
    void theAvatarSpeaksTheAnswerWithItsMouthInTimeWithTheAudio() {
        String key = widget(Map.of("voice", true, "avatar", true), List.of(spaceWithOpeningHours()));
        double share = speaksInStep(key, "avatar");
        WidgetBrowserTest.writeFigure("avatar-in-step-share", String.format(Locale.ROOT, "%.3f", share));
    }

    /**
     * A VRM avatar (a VRoid Studio 0.x export: its own bone names, five vowel shapes, facing −Z) talks and moves like
     * the GLB one: the server mapped its humanoid bones to Mixamo names and its vowels to the 15 visemes, so the same
     * driver frames its head, blinks, and moves its mouth in step with the audio.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aVrmAvatarSpeaksLikeAGlbOne() {
        String admin = api.userToken(tenant.slug(), Role.TENANT_ADMIN);
        TestApi.Response uploaded = api.multipart("/api/v1/tenants/" + tenant.slug() + "/avatars", admin, "file",
                Map.of("Lotte.vrm", de.wattos.avatar.internal.AvatarFixtures.vrm(false)));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        Map<String, Object> speech = Map.of("voice", true, "avatar", true, "avatarId", uploaded.json().path("id").asString());
        String key = widget(speech, List.of(spaceWithOpeningHours()));
        speaksInStep(key, "vrm avatar");
        WebElement frame = first(shadow(driver), "iframe[data-role=avatar]");
        driver.switchTo().frame(frame);
        Map<String, Object> probe = (Map<String, Object>) driver.executeScript("""
                const p = window.__wattosAvatar; return {bones: p.bones, morphTargets: p.morphTargets};""");
        driver.switchTo().defaultContent();
        assertThat((List<String>) probe.get("bones")).as("the driver finds the rig by its Mixamo names")
                .contains("Armature", "Hips", "Spine", "Neck", "Head");
        assertThat((List<String>) probe.get("morphTargets")).contains("eyeBlinkLeft", "Fcl_MTH_A");
    }

    /** Asks the widget a question and samples the avatar's mouth while the answer is read: the share in step. */
    @SuppressWarnings("unchecked")
    private double speaksInStep(String key, String label) {
        driver.get(siteOrigin + "/?key=" + key);
        launcher(driver).click();
        WebElement frame = waiting(driver, 20).until(d -> first(shadow(d), "iframe[data-role=avatar]"));
        driver.switchTo().frame(frame);
        waiting(driver, 60).until(d -> Boolean.TRUE.equals(driver.executeScript(
                "const p = window.__wattosAvatar; if (p && p.error) throw new Error(p.error); return !!(p && p.ready);")));
        assertThat((List<String>) driver.executeScript("return window.__wattosAvatar.morphTargets"))
                .contains("viseme_aa", "viseme_PP", "viseme_O");
        driver.switchTo().defaultContent();

        WebElement input = shadow(driver).findElement(By.cssSelector("textarea"));
        input.sendKeys("Wann ist das Bürgerbüro geöffnet?");
        input.sendKeys(Keys.ENTER);
        // captions show the sentence being read while the audio plays
        WebElement host = driver.findElement(By.cssSelector("wattos-assistant"));
        String caption = waiting(driver, 60).until(d -> "speaking".equals(host.getAttribute("data-voice"))
                && !first(shadow(d), "[data-role=captions]").getText().isBlank()
                ? first(shadow(d), "[data-role=captions]").getText() : null);
        assertThat(caption).isNotBlank();
        BrowserSupport.screenshot(driver, "widget-avatar-speaking");
        waiting(driver, 120).until(d -> "idle".equals(host.getAttribute("data-voice"))
                && ((Number) driver.executeScript("return arguments[0]._speech.played", host)).intValue() >= 1);

        driver.switchTo().frame(frame);
        Map<String, Object> probe = (Map<String, Object>) driver.executeScript("""
                const p = window.__wattosAvatar;
                return {samples: p.samples, tracks: p.tracks, fps: p.fps, frames: p.frames};""");
        driver.switchTo().defaultContent();
        List<Map<String, Object>> samples = (List<Map<String, Object>>) probe.get("samples");
        List<List<Map<String, Object>>> tracks = (List<List<Map<String, Object>>>) probe.get("tracks");
        assertThat(tracks).as("sentences sent to the avatar").isNotEmpty();
        assertThat(samples).as("frames sampled while speaking").hasSizeGreaterThan(20);

        // the mouth moves: several different shapes dominate while speaking, and the audio clock advances
        assertThat(samples.stream().filter(s -> ((Number) s.get("w")).doubleValue() > 0.5).map(s -> s.get("top")).distinct().count())
                .as("distinct mouth shapes shown").isGreaterThanOrEqualTo(3);
        assertThat(samples.stream().mapToDouble(s -> ((Number) s.get("t")).doubleValue()).max().orElse(0)).isGreaterThan(500);
        // in time: the shape on the mesh is the one the timeline names at that audio time (allowing the ~50 ms fade)
        long matching = samples.stream().filter(s -> {
            List<Map<String, Object>> visemes = tracks.get(((Number) s.get("k")).intValue());
            double t = ((Number) s.get("t")).doubleValue();
            String top = (String) s.get("top");
            return top.equals(visemeAt(visemes, t)) || top.equals(visemeAt(visemes, t - 80));
        }).count();
        double share = (double) matching / samples.size();
        System.out.printf(Locale.ROOT, "[%s] %d samples, %.0f%% in step with the viseme timeline, %.1f fps%n",
                label, samples.size(), share * 100, ((Number) probe.get("fps")).doubleValue());
        assertThat(share).as("share of frames whose mouth matches the timeline").isGreaterThan(0.6);
        WidgetBrowserTest.writeFigure(label.replace(' ', '-') + "-fps",
                String.format(Locale.ROOT, "%.1f", ((Number) probe.get("fps")).doubleValue()));

        assertThat(first(shadow(driver), "[data-role=speaker]").getAttribute("aria-pressed")).isEqualTo("true");
        BrowserSupport.assertAccessible(driver, "widget with voice and " + label);
        return share;
    }

    /**
     * Several sentences ready at once (a whole answer in one piece) are read through one NDJSON request to the public
     * {@code /speech}: each sentence is played, with its caption, as its line arrives.
     */
    @Test
    void sentencesReadyAtOnceAreReadThroughOneStream() {
        String key = widget(Map.of("voice", true), List.of());
        driver.get(siteOrigin + "/?key=" + key);
        launcher(driver).click();
        WebElement speaker = waiting(driver, 20).until(d -> first(shadow(d), "[data-role=speaker]"));
        speaker.click();
        assertThat(speaker.getAttribute("aria-pressed")).isEqualTo("true");
        WebElement host = driver.findElement(By.cssSelector("wattos-assistant"));
        driver.executeScript("""
                const w = arguments[0];
                w.dispatchEvent(new CustomEvent('wattos:question'));
                w.dispatchEvent(new CustomEvent('wattos:delta', {detail: 'Das Rathaus öffnet um acht Uhr. '
                    + 'Das Bürgerbüro schließt um achtzehn Uhr! Termine gibt es online. '}));""", host);
        java.util.Set<String> captions = new java.util.LinkedHashSet<>();
        waiting(driver, 120).until(d -> {
            String caption = first(shadow(d), "[data-role=captions]").getText();
            if (!caption.isBlank()) {
                captions.add(caption);
            }
            return ((Number) driver.executeScript("return arguments[0]._speech.played", host)).intValue() >= 3;
        });
        assertThat(((Number) driver.executeScript("return arguments[0]._speech.streams", host)).intValue()).isEqualTo(1);
        assertThat(captions).as("captions while the sentences were read").contains("Das Rathaus öffnet um acht Uhr.");
        waiting(driver, 30).until(d -> "idle".equals(host.getAttribute("data-voice")));
    }

    @Test
    void aSpokenQuestionLandsInTheInputForCorrection() {
        try (VoiceStub stub = new OpenAiTranscriptionStub()) {
            Map<String, Object> provider = new LinkedHashMap<>();
            provider.put("purpose", "transcription");
            provider.put("name", "Whisper");
            provider.put("type", "openai");
            provider.put("baseUrl", stub.baseUri().toString());
            provider.put("apiKey", "sk-test");
            assertThat(api.post("/api/v1/tenants/" + tenant.slug() + "/voice/providers",
                    api.userToken(tenant.slug(), Role.TENANT_ADMIN), provider).status()).isEqualTo(201);
            String key = widget(Map.of("voice", true), List.of());
            driver.get(siteOrigin + "/?key=" + key);
            launcher(driver).click();
            WebElement mic = waiting(driver, 20).until(d -> first(shadow(d), "[data-role=mic]"));
            assertThat(mic.getAttribute("aria-label")).isEqualTo("Frage sprechen");
            assertThat(first(shadow(driver), "[data-role=speaker]").getAttribute("aria-pressed")).as("voice-only starts silent")
                    .isEqualTo("false");
            mic.click();
            waiting(driver, 20).until(d -> "true".equals(first(shadow(d), "[data-role=mic]").getAttribute("aria-pressed")));
            sleep(1500);
            first(shadow(driver), "[data-role=mic]").click();
            String text = waiting(driver, 30).until(d -> {
                String v = first(shadow(d), "textarea").getDomProperty("value");
                return v == null || v.isBlank() ? null : v;
            });
            assertThat(text).isEqualTo("Wann hat das Bürgerbüro geöffnet?");
            assertThat(first(shadow(driver), "[data-role=voice-status]").getText()).isEqualTo("Bitte prüfen und dann senden.");
            String wire = new String(stub.last().body(), StandardCharsets.ISO_8859_1);
            assertThat(wire).as("the browser's recording reached the provider").contains("Content-Type: audio/webm")
                    .contains("\u001aE\u00df\u00a3");
            BrowserSupport.assertAccessible(driver, "widget with voice (after a spoken question)");
        }
    }

    @Test
    void withReducedMotionTheAvatarIsAStillPortrait() {
        String key = widget(Map.of("avatar", true), List.of());
        ChromeDriver still = BrowserSupport.start(FLAGS[0], FLAGS[3], "--force-prefers-reduced-motion");
        try {
            still.get(siteOrigin + "/?key=" + key);
            launcher(still).click();
            WebElement frame = waiting(still, 20).until(d -> first(shadow(d), "iframe[data-role=avatar]"));
            still.switchTo().frame(frame);
            waiting(still, 30).until(d -> Boolean.TRUE.equals(still.executeScript("return !!(window.__wattosAvatar && window.__wattosAvatar.ready)")));
            sleep(1000);
            assertThat(still.executeScript("return window.__wattosAvatar.reducedMotion")).isEqualTo(true);
            assertThat(((Number) still.executeScript("return window.__wattosAvatar.frames")).intValue()).as("no animation frames").isZero();
            assertThat(still.findElements(By.cssSelector("img"))).hasSize(1);
            assertThat(still.findElements(By.cssSelector("canvas"))).isEmpty();
            still.switchTo().defaultContent();
        } finally {
            still.quit();
        }
    }

    static String visemeAt(List<Map<String, Object>> visemes, double ms) {
        for (Map<String, Object> v : visemes) {
            double t = ((Number) v.get("t")).doubleValue();
            double d = ((Number) v.get("d")).doubleValue();
            if (ms >= t && ms < t + d) {
                return (String) v.get("v");
            }
        }
        return "sil";
    }

    static SearchContext shadow(org.openqa.selenium.WebDriver d) {
        return d.findElement(By.cssSelector("wattos-assistant[data-state]")).getShadowRoot();
    }

    static WebElement first(SearchContext context, String css) {
        List<WebElement> found = context.findElements(By.cssSelector(css));
        return found.isEmpty() ? null : found.getFirst();
    }

    static WebElement launcher(ChromeDriver d) {
        return waiting(d, 20).until(x -> first(shadow(x), ".launcher"));
    }

    static org.openqa.selenium.support.ui.FluentWait<org.openqa.selenium.WebDriver> waiting(ChromeDriver d, int seconds) {
        return new WebDriverWait(d, Duration.ofSeconds(seconds)).pollingEvery(Duration.ofMillis(100))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .ignoring(NullPointerException.class);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
