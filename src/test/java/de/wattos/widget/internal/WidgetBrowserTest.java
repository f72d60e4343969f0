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
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
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
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The widget in real headless Chromium, embedded by pages on other loopback origins (com.sun.net.httpserver):
 * an allowed site gets a working, accessible assistant; a disallowed one gets nothing.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WidgetBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    Ingestion ingestion;

    @Autowired
    Tenants tenants;

    ChromeDriver driver;
    HttpServer site;
    HttpServer evil;
    TestApi api;
    TestApi.Tenant tenant;
    String editor;
    String siteOrigin;
    String evilOrigin;

    @BeforeAll
    void startBrowserAndSites() throws IOException {
        BrowserSupport.assumeChromium();
        site = fixtureSite();
        evil = fixtureSite();
        siteOrigin = "http://127.0.0.1:" + site.getAddress().getPort();
        evilOrigin = "http://127.0.0.1:" + evil.getAddress().getPort();
        driver = BrowserSupport.start();
    }

    @AfterAll
    void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (site != null) {
            site.stop(0);
        }
        if (evil != null) {
            evil.stop(0);
        }
    }

    @BeforeEach
    void tenant() {
        api = new TestApi(port);
        tenant = api.createTenant();
        editor = api.userToken(tenant.slug(), Role.EDITOR);
    }

    /** Serves {@code /?key=…} (a municipality page embedding the widget) and one content page. */
    HttpServer fixtureSite() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            String body;
            if (path.equals("/buergerbuero.html")) {
                body = BUERGERBUERO;
            } else if (path.equals("/frame")) {
                String key = query != null && query.startsWith("key=") ? query.substring(4).replaceAll("[^A-Za-z0-9_-]", "") : "";
                body = """
                        <!doctype html><html lang="de"><head><meta charset="utf-8"><title>Rathaus-Chat</title></head>
                        <body><main><h1>Rathaus-Chat</h1>
                        <iframe id="chat" src="http://localhost:%d/w/%s" title="Chat mit dem Rathaus" style="width:420px;height:640px;border:0"></iframe>
                        </main></body></html>
                        """.formatted(port, key);
            } else if (path.equals("/")) {
                String key = query != null && query.startsWith("key=") ? query.substring(4).replaceAll("[^A-Za-z0-9_-]", "") : "";
                body = """
                        <!doctype html><html lang="de"><head><meta charset="utf-8"><title>Gemeinde Musterstadt</title></head>
                        <body><header><p>Gemeinde Musterstadt</p></header><main><h1>Willkommen in Musterstadt</h1>
                        <p>Hier finden Sie alles rund um Ihr Rathaus.</p></main>
                        <script src="http://localhost:%d/widget.js" data-wattos-widget="%s" async></script></body></html>
                        """.formatted(port, key);
            } else {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return server;
    }

    static final String BUERGERBUERO = """
            <!doctype html><html lang="de"><head><meta charset="utf-8"><title>Bürgerbüro Musterstadt</title></head><body><main>
            <h1>Bürgerbüro Musterstadt</h1>
            <h2>Öffnungszeiten</h2>
            <p>Das Bürgerbüro Musterstadt ist montags bis freitags von 8 bis 12 Uhr geöffnet, donnerstags zusätzlich von 14 bis 18 Uhr.</p>
            <h2>Ummeldung</h2>
            <p>Für eine Ummeldung bringen Sie bitte Ihren Personalausweis und die Wohnungsgeberbestätigung mit.</p>
            </main></body></html>
            """;

    String createWidget(List<String> spaceIds) {
        return createWidget(spaceIds, Map.of("primaryColor", "#005a9c", "colorScheme", "light"), "de");
    }

    String createWidget(List<String> spaceIds, Map<String, Object> theme, String locale) {
        Map<String, Object> body = new HashMap<>(WidgetApiTest.fullWidget());
        body.remove("avatarUrl");
        body.put("allowedOrigins", List.of(siteOrigin));
        body.put("spaceIds", spaceIds);
        body.put("theme", theme);
        body.put("locale", locale);
        TestApi.Response r = api.post("/api/v1/tenants/" + tenant.slug() + "/widgets", editor, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("publicKey").asString();
    }

    SearchContext shadow() {
        WebElement host = waiting(10)
                .until(d -> d.findElement(By.cssSelector("wattos-assistant[data-state]")));
        return host.getShadowRoot();
    }

    WebElement launcher() {
        return waiting(10).until(d -> {
            List<WebElement> found = shadow().findElements(By.cssSelector(".launcher"));
            return found.isEmpty() ? null : found.getFirst();
        });
    }

    String activeInShadow() {
        return (String) driver.executeScript("""
                const a = document.querySelector('wattos-assistant').shadowRoot.activeElement;
                return a ? a.tagName.toLowerCase() + '.' + a.className : null;""");
    }

    @Test
    void launcherAppearsAndWorksWithTheKeyboardAlone() {
        String key = createWidget(List.of());
        driver.get(siteOrigin + "/?key=" + key);
        launcher();
        @SuppressWarnings("unchecked")
        List<Number> marks = (List<Number>) driver.executeScript("""
                const s = performance.getEntriesByName('wattos:script')[0], l = performance.getEntriesByName('wattos:launcher')[0];
                const r = performance.getEntriesByType('resource').find(e => e.name.endsWith('/widget.js'));
                return [s.startTime, l.startTime, r ? r.responseEnd : s.startTime];""");
        double launcherMs = marks.get(1).doubleValue() - marks.get(2).doubleValue();
        System.out.printf("[figure] time to launcher: %.1f ms after widget.js arrived (%.1f ms after it started running)%n",
                launcherMs, marks.get(1).doubleValue() - marks.get(0).doubleValue());
        // a figure for ./wattos bench widget, not an assertion: a loaded CI machine must not fail a functional test
        writeFigure("time-to-launcher-ms", String.format(java.util.Locale.ROOT, "%.1f", launcherMs));

        // keyboard only: Tab reaches the launcher, Enter opens, focus lands in the input, Tab stays inside, Esc closes
        new Actions(driver).sendKeys(Keys.TAB).perform();
        assertThat(activeInShadow()).startsWith("button.launcher");
        new Actions(driver).sendKeys(Keys.ENTER).perform();
        assertThat(launcher().getAttribute("aria-expanded")).isEqualTo("true");
        assertThat(activeInShadow()).startsWith("textarea");
        for (int i = 0; i < 12; i++) {
            new Actions(driver).sendKeys(Keys.TAB).perform();
            assertThat(activeInShadow()).as("focus stays in the open panel").isNotNull().doesNotStartWith("button.launcher");
        }
        new Actions(driver).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
        assertThat(activeInShadow()).isNotNull();
        WebElement log = shadow().findElement(By.cssSelector("[role=log]"));
        assertThat(log.getAttribute("aria-live")).isEqualTo("polite");
        assertThat(log.getAttribute("textContent")).contains("Sie schreiben mit einer KI.").contains("Moin! Was kann ich für Sie tun?");
        assertThat(shadow().findElements(By.cssSelector(".chips button"))).hasSize(2);
        assertThat(shadow().findElement(By.cssSelector("footer a")).getAttribute("rel")).contains("noopener");
        BrowserSupport.screenshot(driver, "widget-open");
        BrowserSupport.assertAccessible(driver, "widget (open panel)");
        new Actions(driver).sendKeys(Keys.ESCAPE).perform();
        assertThat(launcher().getAttribute("aria-expanded")).isEqualTo("false");
        assertThat(activeInShadow()).startsWith("button.launcher");
        BrowserSupport.assertAccessible(driver, "widget (launcher)");
    }

    @Test
    void visitorAsksAndSeesTheStreamedAnswerWithACitation() {
        TestApi.Response space = api.post("/api/v1/tenants/" + tenant.slug() + "/spaces", editor, Map.of("name", "Website"));
        assertThat(space.status()).as(space.toString()).isEqualTo(201);
        UUID spaceId = UUID.fromString(space.json().get("id").asString());
        TenantContext.runAs(tenants.ref(tenant.id()).orElseThrow(), () -> ingestion.ingest(new IncomingDocument(
                spaceId, null, siteOrigin + "/buergerbuero.html", "Bürgerbüro Musterstadt", "text/html",
                BUERGERBUERO.getBytes(StandardCharsets.UTF_8), Map.of())));
        String key = createWidget(List.of(spaceId.toString()));
        driver.get(siteOrigin + "/?key=" + key);
        launcher().click();
        WebElement input = shadow().findElement(By.cssSelector("textarea"));
        input.sendKeys("Wann ist das Bürgerbüro geöffnet?");
        input.sendKeys(Keys.ENTER);
        // the answer repaints as its events arrive: wait for its end (the feedback buttons), then read the first
        // source link in one go, re-reading if a last repaint replaced it meanwhile
        waiting(30).until(d -> shadow().findElements(By.cssSelector(".fb button")).size() == 2);
        List<String> source = waiting(10).until(d -> {
            List<WebElement> links = shadow().findElements(By.cssSelector(".msg.bot .sources a, .msg.bot a.cite"));
            return links.isEmpty() ? null : List.of(String.valueOf(links.getFirst().getAttribute("href")),
                    String.valueOf(links.getFirst().getAttribute("target")), String.valueOf(links.getFirst().getAttribute("rel")));
        });
        assertThat(source).containsExactly(siteOrigin + "/buergerbuero.html", "_blank", "noopener noreferrer");
        WebElement answer = shadow().findElements(By.cssSelector(".msg.bot")).getLast();
        assertThat(answer.getText()).containsIgnoringCase("8");
        assertThat(shadow().findElements(By.cssSelector(".fb button"))).hasSize(2);
        BrowserSupport.screenshot(driver, "widget-answer");
        BrowserSupport.assertAccessible(driver, "widget (answer with sources)");

        // thumbs up is recorded
        shadow().findElements(By.cssSelector(".fb button")).getFirst().click();
        waiting(10).until(d -> shadow().findElement(By.cssSelector(".fbs")).getText().contains("Danke"));

        // the conversation survives a page change within the tab
        driver.navigate().refresh();
        launcher();
        assertThat(shadow().findElements(By.cssSelector(".msg.user"))).hasSize(1);
    }

    /** An approved article's citation has no link: it is listed all the same, labelled as an approved article. */
    @Test
    void anApprovedArticleIsListedAndLabelledAmongTheSources() {
        String base = "/api/v1/tenants/" + tenant.slug();
        TestApi.Response space = api.post(base + "/spaces", editor, Map.of("name", "Website"));
        String spaceId = space.json().get("id").asString();
        de.wattos.support.PublishedArticles.publish(api, tenant.slug(), spaceId, "Öffnungszeiten des Bürgerbüros",
                "Wann ist das Bürgerbüro geöffnet?", "Das Bürgerbüro ist montags bis freitags von 8 bis 12 Uhr geöffnet.");
        String key = createWidget(List.of(spaceId));
        driver.get(siteOrigin + "/?key=" + key);
        launcher().click();
        WebElement input = shadow().findElement(By.cssSelector("textarea"));
        input.sendKeys("Wann ist das Bürgerbüro geöffnet?");
        input.sendKeys(Keys.ENTER);
        waiting(30).until(d -> shadow().findElements(By.cssSelector(".fb button")).size() == 2);
        String listed = waiting(10).until(d -> {
            List<WebElement> items = shadow().findElements(By.cssSelector(".msg.bot .sources li"));
            return items.isEmpty() ? null : items.getFirst().getText();
        });
        assertThat(listed).contains("Öffnungszeiten des Bürgerbüros").contains("Geprüfter Artikel");
        BrowserSupport.assertAccessible(driver, "widget (answer from an approved article)");
    }

    @Test
    void markupInAMessageIsShownAsText() {
        String key = createWidget(List.of());
        driver.get(siteOrigin + "/?key=" + key);
        launcher().click();
        WebElement input = shadow().findElement(By.cssSelector("textarea"));
        input.sendKeys("<img src=x onerror=\"window.pwned=1\"><script>window.pwned=2</script> **fett** [x](javascript:alert(1))");
        input.sendKeys(Keys.ENTER);
        WebElement bubble = waiting(10).until(d -> {
            List<WebElement> b = shadow().findElements(By.cssSelector(".msg.user"));
            return b.isEmpty() ? null : b.getFirst();
        });
        assertThat(bubble.getAttribute("textContent")).contains("<img src=x onerror=\"window.pwned=1\"><script>window.pwned=2</script>");
        assertThat(bubble.findElements(By.cssSelector("img, script"))).isEmpty();
        assertThat(bubble.findElement(By.cssSelector("strong")).getAttribute("textContent")).isEqualTo("fett");
        assertThat(bubble.findElements(By.cssSelector("a"))).isEmpty();
        // wait until the answer (or its error) is in, then make sure nothing ran
        waiting(30).until(d -> shadow().findElements(By.cssSelector(".typing")).isEmpty());
        assertThat(driver.executeScript("return window.pwned === undefined")).isEqualTo(true);
        BrowserSupport.screenshot(driver, "widget-markup-as-text");
    }

    @Test
    void englishAndTheDarkSchemeStayAccessible() {
        String key = createWidget(List.of(), Map.of("primaryColor", "#005a9c", "colorScheme", "dark"), "en");
        driver.get(siteOrigin + "/?key=" + key);
        assertThat(launcher().getAttribute("aria-label")).isEqualTo("Open chat with Lotta");
        launcher().click();
        assertThat(shadow().findElement(By.cssSelector("button.send")).getAttribute("textContent")).isEqualTo("Send");
        assertThat(shadow().findElement(By.cssSelector("label")).getAttribute("textContent")).isEqualTo("Your message");
        BrowserSupport.screenshot(driver, "widget-dark-en");
        BrowserSupport.assertAccessible(driver, "widget (dark, English)");
    }

    @Test
    void theIframeVariantMayOnlyBeFramedByAllowedOrigins() {
        String key = createWidget(List.of());
        driver.get(siteOrigin + "/frame?key=" + key);
        driver.switchTo().frame(driver.findElement(By.id("chat")));
        WebElement host = waiting(10).until(d -> d.findElement(By.cssSelector("wattos-assistant[data-state=ready]")));
        assertThat(host.getShadowRoot().findElements(By.cssSelector(".fullpage-mode textarea"))).hasSize(1);
        assertThat(host.getShadowRoot().findElements(By.cssSelector(".launcher"))).isEmpty();
        driver.switchTo().defaultContent();
        BrowserSupport.screenshot(driver, "widget-iframe");
        BrowserSupport.assertAccessible(driver, "widget (iframe page)");

        driver.get(evilOrigin + "/frame?key=" + key);
        driver.switchTo().frame(driver.findElement(By.id("chat")));
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(driver.findElements(By.cssSelector("wattos-assistant"))).as("framing refused by CSP frame-ancestors").isEmpty();
        driver.switchTo().defaultContent();
    }

    @Test
    void aPageFromADisallowedOriginGetsNoAnswers() {
        String key = createWidget(List.of());
        driver.get(evilOrigin + "/?key=" + key);
        WebElement host = waiting(10)
                .until(d -> d.findElement(By.cssSelector("wattos-assistant[data-state]")));
        assertThat(host.getAttribute("data-state")).isEqualTo("unavailable");
        assertThat(host.getShadowRoot().findElements(By.cssSelector(".launcher, .panel"))).isEmpty();
        // calling the API by hand from that page fails too (no CORS grant, 403 origin_not_allowed)
        Object outcome = driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('http://localhost:%d/api/v1/public/widgets/%s/sessions', {method: 'POST'})
                  .then(r => done('status ' + r.status)).catch(e => done('blocked: ' + e.name));""".formatted(port, key));
        assertThat(String.valueOf(outcome)).startsWith("blocked");
        BrowserSupport.screenshot(driver, "widget-disallowed-origin");
    }

    static void writeFigure(String name, String value) {
        try {
            Path dir = Path.of("target", "figures");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("widget-" + name + ".txt"), value + System.lineSeparator());
        } catch (IOException e) {
            // figures are a by-product
        }
    }

    org.openqa.selenium.support.ui.FluentWait<org.openqa.selenium.WebDriver> waiting(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    }
}
