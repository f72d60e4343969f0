package de.wattos.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.crawl.FixtureSite;
import de.wattos.support.TestApi;
import de.wattos.widget.internal.BrowserSupport;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The console in real headless Chromium, only through its UI: login, tenant, knowledge space, website source
 * (a fixture site on loopback), crawl with live progress, search, widget designer, embed code; axe-core on every page.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest extends ConsolePageTest {

    @LocalServerPort
    int port;

    FixtureSite site;
    String siteUrl;

    static final Map<String, String> PAGES = Map.of(
            "/", """
                    <!doctype html><html lang="de"><head><title>Gemeinde Beispielstadt</title></head><body><main>
                    <h1>Gemeinde Beispielstadt</h1><p>Willkommen auf der Website der Gemeinde Beispielstadt.</p>
                    <ul><li><a href="/buergerbuero.html">Bürgerbüro</a></li><li><a href="/abfall.html">Abfallkalender</a></li>
                    <li><a href="/fehlt.html">Alte Seite</a></li></ul></main></body></html>""",
            "/buergerbuero.html", """
                    <!doctype html><html lang="de"><head><title>Bürgerbüro Beispielstadt</title></head><body><main>
                    <h1>Bürgerbüro</h1><h2>Öffnungszeiten</h2><p>Das Bürgerbüro ist montags bis freitags von 8 bis 12 Uhr
                    geöffnet. Für die Ummeldung brauchen Sie Ihren Personalausweis und die Wohnungsgeberbestätigung.</p>
                    </main></body></html>""",
            "/abfall.html", """
                    <!doctype html><html lang="de"><head><title>Abfallkalender</title></head><body><main>
                    <h1>Abfallkalender</h1><p>Die Biotonne wird in Beispielstadt jeden Dienstag geleert, die Papiertonne
                    alle vier Wochen am Freitag.</p></main></body></html>""");

    @Override
    String label() {
        return "console";
    }

    @BeforeAll
    void start() throws IOException {
        BrowserSupport.assumeChromium();
        site = new FixtureSite().text("/robots.txt", "text/plain", "User-agent: *\nAllow: /\n");
        PAGES.forEach(site::html);
        siteUrl = site.url("/");
        driver = BrowserSupport.start();
    }

    @AfterAll
    void stop() {
        if (site != null) {
            site.close();
        }
    }

    void go(String hash, String view) {
        driver.get("http://localhost:" + port + "/console/" + hash);
        view(view);
    }

    @Test
    void loginSpaceWebsiteCrawlSearchWidgetEmbedCode() {
        try {
            walkThrough();
        } catch (RuntimeException | AssertionError e) {
            BrowserSupport.screenshot(driver, "console-failure");
            System.out.println("[console] page at failure: " + driver.getCurrentUrl() + "\n"
                    + driver.findElement(By.tagName("body")).getText());
            throw e;
        }
    }

    void walkThrough() {
        driver.get("http://localhost:" + port + "/console");
        view("login");
        assertThat(driver.getTitle()).contains("Anmelden");
        check("login");
        type("input[name=username]", "admin");
        type("input[name=password]", TestApi.ADMIN_PASSWORD);
        driver.findElement(By.cssSelector("main button[type=submit]")).click();
        // signed in, the console opens the only tenant's spaces when the installation has exactly one tenant
        // (a fresh database running this class alone), otherwise the tenants page: go there in both cases
        waitFor(30).until(d -> !"login".equals(d.findElement(By.tagName("body")).getDomAttribute("data-view")));
        go("#/tenants", "tenants");

        // platform admin: create a tenant
        check("tenants");
        String slug = "ui-" + UUID.randomUUID().toString().substring(0, 8);
        type("input[name=slug]", slug);
        type("input[name=name]", "Gemeinde Beispielstadt");
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        waitFor(10).until(d -> new Select(d.findElement(By.id("tenant-switch"))).getFirstSelectedOption().getText().contains(slug));

        // knowledge space
        driver.findElement(By.cssSelector("nav a[href='#/spaces']")).click();
        view("spaces");
        check("spaces");
        type("main form input[name=name]", "Website");
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        view("space");

        // documents: upload (one good file, one empty one that fails with a reason), then delete the good one
        java.nio.file.Path dir;
        try {
            dir = java.nio.file.Files.createTempDirectory("wattos-upload");
            java.nio.file.Files.writeString(dir.resolve("gebuehren.txt"),
                    "Gebührenordnung Beispielstadt\n\nDer Personalausweis kostet 37 Euro, für Personen unter 24 Jahren 22,80 Euro.");
            java.nio.file.Files.write(dir.resolve("leer.txt"), new byte[0]);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        driver.findElement(By.cssSelector("main input[type=file][name=files]"))
                .sendKeys(dir.resolve("gebuehren.txt") + "\n" + dir.resolve("leer.txt"));
        driver.findElement(By.xpath("//main//button[.='Dateien hochladen']")).click();
        waitFor(30).until(d -> {
            d.findElement(By.xpath("//main//button[.='Aktualisieren']")).click();
            String docs = d.findElement(By.cssSelector("section[aria-labelledby=h-docs] .doc-list")).getText();
            return docs.contains("indexiert") && docs.contains("fehlgeschlagen") ? docs : null;
        });
        check("space-documents");
        driver.findElement(By.xpath("//section[@aria-labelledby='h-docs']//tr[contains(., 'indexiert')]//button[.='Löschen']")).click();
        driver.switchTo().alert().accept();
        waitFor(10).until(d -> !d.findElement(By.cssSelector("section[aria-labelledby=h-docs] .doc-list")).getText().contains("indexiert"));

        // website source and crawl with live progress
        type("main form input[name=startUrls]", siteUrl);
        driver.findElement(By.xpath("//main//form//button[@type='submit' and contains(., 'Website hinzufügen')]")).click();
        WebElement crawlButton = waitFor(10).until(d -> d.findElement(By.xpath("//button[starts-with(., 'Crawl starten')]")));
        check("space");
        crawlButton.click();
        view("crawl");
        waitFor(60).until(d -> d.findElement(By.cssSelector("main [role=status]")).getText().contains("abgeschlossen"));
        assertThat(driver.findElement(By.cssSelector("main")).getText()).contains("fehlt.html");
        check("crawl");

        // search playground
        driver.findElement(By.cssSelector("nav a[href='#/search']")).click();
        view("search");
        type("main input[name=query]", "Öffnungszeiten Bürgerbüro");
        new Select(driver.findElement(By.cssSelector("main select[name=mode]"))).selectByValue("lexical");
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        WebElement firstHit = waitFor(20).until(d -> d.findElement(By.cssSelector("main article.hit h3 a")));
        assertThat(firstHit.getAttribute("href")).isEqualTo(siteUrl + "buergerbuero.html");
        assertThat(driver.findElement(By.cssSelector("main article.hit")).getText()).contains("Wert");
        check("search");

        // widget designer with live preview, then the embed code
        driver.findElement(By.cssSelector("nav a[href='#/widgets']")).click();
        view("widgets");
        check("widgets");
        driver.findElement(By.cssSelector("main a[href='#/widgets/new']")).click();
        view("widget");
        type("main form input[name=name]", "Bürgerservice");
        new Select(driver.findElement(By.cssSelector("main select[name=status]"))).selectByValue("active");
        type("main form textarea[name=allowedOrigins]", "https://www.beispielstadt.example");
        type("main form input[name=assistantName]", "Lotta");
        waitFor(5).until(d -> "Lotta".equals(driver.executeScript(
                """
                const el = document.querySelector('.preview-box wattos-assistant');
                const h2 = el && el.shadowRoot && el.shadowRoot.querySelector('h2');
                return h2 ? h2.textContent : null;""")));
        // voice on (off by default); saved and shown again after the designer reloads the widget
        assertThat(driver.findElement(By.cssSelector("main input[name='speech.voice']")).isSelected()).isFalse();
        driver.findElement(By.cssSelector("main input[name='speech.voice']")).click();
        driver.findElement(By.xpath("//main//form//button[@type='submit']")).click();
        WebElement script = waitFor(10).until(d -> d.findElement(By.cssSelector("pre[data-embed=script]")));
        assertThat(waitFor(10).until(d -> d.findElement(By.cssSelector("main input[name='speech.voice']"))).isSelected()).isTrue();
        assertThat(script.getText()).startsWith("<script src=\"http://localhost:" + port + "/widget.js\" data-wattos-widget=\"wk_")
                .endsWith("async></script>");
        assertThat(driver.findElement(By.cssSelector("pre[data-embed=iframe]")).getText()).contains("/w/wk_");
        check("widget");

        // chat playground: streamed answer with numbered sources and the model that answered
        driver.findElement(By.cssSelector("nav a[href='#/chat']")).click();
        view("chat");
        type("main textarea[name=content]", "Wann ist das Bürgerbüro geöffnet?");
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        WebElement source = waitFor(30).until(d -> d.findElement(By.cssSelector(".chat-log ol li a")));
        assertThat(source.getAttribute("href")).isEqualTo(siteUrl + "buergerbuero.html");
        waitFor(10).until(d -> d.findElement(By.cssSelector(".chat-log p.muted")).getText().startsWith("Modell: "));
        assertThat(driver.findElement(By.cssSelector(".chat-log .a")).getText()).contains("8");
        check("chat");

        // a language-model provider: the key is write-only (only that one is set comes back); the test reports
        driver.findElement(By.cssSelector("nav a[href='#/providers']")).click();
        view("providers");
        type("main form input[name=name]", "Testmodell");
        type("main form input[name=baseUrl]", siteUrl + "v1");
        type("main form input[name=defaultModel]", "gpt-test");
        type("main form input[name=apiKey]", "sk-test-secret-4711");
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        WebElement testButton = waitFor(10).until(d -> d.findElement(By.xpath("//main//button[.='Testen: Testmodell']")));
        assertThat(driver.findElement(By.cssSelector("main table")).getText()).contains("••••").doesNotContain("secret-4711");
        testButton.click();
        waitFor(20).until(d -> d.findElement(By.cssSelector("main p[role=status]")).getText().startsWith("Test fehlgeschlagen"));
        check("providers");

        // an API key: the secret is shown exactly once
        driver.findElement(By.cssSelector("nav a[href='#/apikeys']")).click();
        view("apikeys");
        type("main form input[name=name]", "Redaktionssystem");
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        WebElement secret = waitFor(10).until(d -> d.findElement(By.cssSelector("main .secret code")));
        assertThat(secret.getText()).isNotBlank();
        check("apikeys");

        // users and roles
        driver.findElement(By.cssSelector("nav a[href='#/users']")).click();
        view("users");
        type("main form input[name=username]", "redakteurin");
        type("main form input[name=password]", "ein-langes-passwort-123");
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        WebElement role = waitFor(10).until(d -> d.findElement(By.cssSelector("main select[aria-label='Rolle redakteurin']")));
        new Select(role).selectByValue("TENANT_ADMIN");
        waitFor(10).until(d -> d.findElement(By.id("toast")).getText().equals("Gespeichert."));
        // she forgot her password: the admin sets a new one (too short first: refused at the field)
        driver.findElements(By.cssSelector("main summary")).stream().filter(x -> x.getText().equals("Neues Passwort für redakteurin"))
                .findFirst().orElseThrow().click();
        WebElement fresh = driver.findElement(By.cssSelector("main input[name=newPassword]"));
        fresh.sendKeys("kurz");
        driver.findElements(By.cssSelector("main button")).stream().filter(b -> b.getText().equals("Passwort setzen")).findFirst()
                .orElseThrow().click();
        waitFor(10).until(d -> "true".equals(d.findElement(By.cssSelector("main input[name=newPassword]")).getDomAttribute("aria-invalid")));
        fresh.clear();
        fresh.sendKeys("ein-neues-langes-passwort-456\n");
        waitFor(10).until(d -> d.findElement(By.id("toast")).getText().startsWith("Neues Passwort für redakteurin gesetzt"));
        TestApi users = new TestApi(port);
        assertThat(users.login("redakteurin", "ein-neues-langes-passwort-456", slug)).isNotBlank();
        assertThat(users.get("/api/v1/tenants/" + slug + "/users", users.adminToken()).json().get("items").get(0).get("roles")
                .toString()).as("the role changed just before stays").isEqualTo("[\"TENANT_ADMIN\"]");
        check("users");

        // tenant settings as platform admin: the name on the tenant; tone, refused topics and contact in the typed settings
        driver.findElement(By.cssSelector("nav a[href='#/settings']")).click();
        view("settings");
        type("main input[name=tone]", "freundlich und knapp");
        type("main textarea[name=refusedTopics]", "Wahlen\nParteien");
        driver.findElement(By.xpath("//main//section[@aria-labelledby='h-assistant']//button[@type='submit']")).click();
        waitFor(10).until(d -> d.findElement(By.id("toast")).getText().equals("Gespeichert."));
        driver.navigate().refresh();
        view("settings");
        assertThat(driver.findElement(By.cssSelector("main input[name=tone]")).getDomProperty("value")).isEqualTo("freundlich und knapp");
        assertThat(driver.findElement(By.cssSelector("main textarea[name=refusedTopics]")).getDomProperty("value")).isEqualTo("Wahlen\nParteien");
        check("settings");

        driver.findElement(By.cssSelector("nav a[href='#/audit']")).click();
        view("audit");
        check("audit");
        assertThat(driver.findElement(By.cssSelector("main")).getText()).contains("Widget angelegt");

        // English toggle
        driver.findElement(By.xpath("//header//button[.='English']")).click();
        waitFor(10).until(d -> d.findElement(By.cssSelector("nav a[href='#/audit']")).getText().equals("Audit log"));
        assertThat(violations).as("axe-core serious/critical violations on console pages").isEmpty();
    }
}
