package de.wattos.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.knowledge.internal.UploadWorkers;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import de.wattos.widget.internal.BrowserSupport;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A tenant administrator's first hour in the console, in real headless Chromium: sign in and land in the only
 * tenant, change the password (keyboard only), the documents of a large space paged, filtered and searched, counts
 * per space, crawl settings edited, the audit log filtered with names and folded runs, usage and budget, tenant
 * settings; German first, statuses translated, then English; axe-core on every page.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleFirstHourBrowserTest extends ConsolePageTest {

    @LocalServerPort int port;
    @Autowired UploadWorkers uploads;

    TestApi api;

    @Override
    String label() {
        return "first-hour";
    }

    @BeforeAll
    void start() {
        BrowserSupport.assumeChromium();
        driver = BrowserSupport.start();
        api = new TestApi(port);
    }

    @Test
    void aTenantAdministratorsFirstHour() throws Exception {
        try {
            firstHour();
        } catch (RuntimeException | AssertionError e) {
            BrowserSupport.screenshot(driver, "first-hour-failure");
            System.out.println("[first-hour] page at failure: " + driver.getCurrentUrl() + "\n"
                    + driver.findElement(By.tagName("body")).getText());
            throw e;
        }
        assertThat(violations).as("axe-core serious/critical violations on the first-hour pages").isEmpty();
    }

    void firstHour() throws Exception {
        TestApi.Tenant tenant = api.createTenant();
        String base = "/api/v1/tenants/" + tenant.slug();
        String admin = api.adminToken();
        String username = "verwaltung-" + UUID.randomUUID().toString().substring(0, 6);
        String password = "Start-Passwort-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post(base + "/users", admin, Map.of("username", username, "password", password,
                "displayName", "Vera Verwaltung", "roles", List.of("TENANT_ADMIN"))).status()).isEqualTo(201);
        String editor = api.userToken(tenant.slug(), Role.EDITOR);
        String spaceId = api.post(base + "/spaces", editor, Map.of("name", "Rathaus")).json().get("id").asString();
        api.post(base + "/spaces", editor, Map.of("name", "Schulen"));
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 1; i <= 30; i++) {
            files.put("amtsblatt-" + i + ".txt", ("Amtsblatt Nummer " + i + " der Gemeinde Beispielstadt.").getBytes(StandardCharsets.UTF_8));
        }
        files.put("abfallkalender.txt", "Die Biotonne wird dienstags geleert.".getBytes(StandardCharsets.UTF_8));
        files.put("leer.txt", new byte[0]);
        assertThat(api.multipart(base + "/spaces/" + spaceId + "/documents", editor, "files", files).status()).isEqualTo(202);
        String sourceId = api.post(base + "/spaces/" + spaceId + "/sources", editor,
                Map.of("type", "website", "name", "Website", "startUrls", List.of("http://127.0.0.1:9/"))).json().get("id").asString();
        assertThat(uploads.awaitIdle(120_000)).isTrue();

        // sign in with the tenant: the console opens that tenant's knowledge at once
        driver.get("http://localhost:" + port + "/console");
        view("login");
        type("input[name=username]", username);
        type("input[name=password]", password);
        type("input[name=tenant]", tenant.slug());
        driver.findElement(By.cssSelector("main button[type=submit]")).click();
        view("spaces");
        assertThat(driver.findElement(By.cssSelector("link[rel=icon]")).getDomAttribute("href")).isEqualTo("/console/favicon.svg");
        WebElement rathaus = waitFor(10).until(d -> d.findElement(By.xpath("//main//tr[contains(., 'Rathaus')]")));
        assertThat(rathaus.getText()).contains("32").contains("31").contains("1"); // total, indexiert, fehlgeschlagen
        check("spaces-counts");

        // documents: 25 a page on the server, next page, filter by status, search
        rathaus.findElement(By.linkText("Rathaus")).click();
        view("space");
        waitFor(10).until(d -> text(".doc-summary").equals("1–25 von 32 Dokumenten"));
        assertThat(driver.findElements(By.cssSelector(".doc-list tbody tr"))).hasSize(25);
        // live: a document uploaded elsewhere appears once indexed, without reloading (tenant event feed)
        assertThat(api.multipart(base + "/spaces/" + spaceId + "/documents", editor, "files",
                Map.of("nachtrag.txt", "Nachtrag zum Amtsblatt.".getBytes(StandardCharsets.UTF_8))).status()).isEqualTo(202);
        waitFor(60).until(d -> text(".doc-summary").equals("1–25 von 33 Dokumenten") && text(".doc-list").contains("nachtrag.txt"));
        assertThat(text(".doc-list")).contains("indexiert").doesNotContain("indexed");
        driver.findElement(By.xpath("//nav[@aria-label='Dokumentseiten']//button[.='Weiter']")).click();
        waitFor(10).until(d -> text(".doc-summary").equals("26–33 von 33 Dokumenten"));
        new Select(driver.findElement(By.cssSelector("section[aria-labelledby=h-docs] select[name=status]"))).selectByValue("failed");
        driver.findElement(By.xpath("//section[@aria-labelledby='h-docs']//button[.='Filtern']")).click();
        waitFor(10).until(d -> text(".doc-summary").equals("1–1 von 1 Dokumenten"));
        assertThat(text(".doc-list")).contains("leer.txt").contains("fehlgeschlagen");
        assertThat(driver.getCurrentUrl()).contains("status=failed");
        new Select(driver.findElement(By.cssSelector("section[aria-labelledby=h-docs] select[name=status]"))).selectByValue("");
        type("section[aria-labelledby=h-docs] input[name=q]", "abfall");
        driver.findElement(By.cssSelector("section[aria-labelledby=h-docs] input[name=q]")).sendKeys(Keys.ENTER);
        // the summary reads the same as for the filter before: wait for the searched document itself
        waitFor(10).until(d -> text(".doc-list").contains("abfallkalender.txt"));
        assertThat(text(".doc-summary")).isEqualTo("1–1 von 1 Dokumenten");
        check("space-documents-search");

        // crawl settings: limits, patterns and a daily schedule, saved with PATCH
        WebElement summary = driver.findElement(By.xpath("//details[@class='settings']/summary"));
        summary.sendKeys(Keys.ENTER); // keyboard opens the settings
        WebElement form = driver.findElement(By.cssSelector("form[data-source='" + sourceId + "']"));
        WebElement maxPages = form.findElement(By.name("maxPages"));
        maxPages.clear();
        maxPages.sendKeys("250");
        form.findElement(By.name("excludePatterns")).sendKeys("/archiv/*");
        new Select(form.findElement(By.name("scheduleKind"))).selectByValue("daily");
        WebElement time = form.findElement(By.name("scheduleTime"));
        time.sendKeys("0630");
        check("crawl-settings");
        save(form.findElement(By.cssSelector("button[type=submit]")));
        JsonNode source = api.get(base + "/sources/" + sourceId, editor).json();
        assertThat(source.get("maxPages").asInt()).isEqualTo(250);
        assertThat(source.get("excludePatterns").get(0).asString()).isEqualTo("/archiv/*");
        assertThat(source.get("schedule").asString()).isEqualTo("0 30 6 * * *");
        waitFor(10).until(d -> text("#sources-table").contains("täglich um 06:30 Uhr"));

        // own password, with the keyboard only; the wrong current password is refused next to its field
        driver.findElement(By.cssSelector("header a[href='#/account']")).click();
        view("account");
        check("account");
        WebElement current = driver.findElement(By.name("currentPassword"));
        current.sendKeys("falsch-falsch-falsch");
        current.sendKeys(Keys.TAB);
        String newPassword = "Neues-Passwort-" + UUID.randomUUID().toString().substring(0, 8);
        driver.switchTo().activeElement().sendKeys(newPassword);
        driver.switchTo().activeElement().sendKeys(Keys.TAB);
        driver.switchTo().activeElement().sendKeys(newPassword, Keys.ENTER);
        waitFor(10).until(d -> "true".equals(d.findElement(By.name("currentPassword")).getDomAttribute("aria-invalid")));
        // the server's field message, in the UI's language (Accept-Language: de)
        assertThat(driver.findElement(By.xpath("//input[@name='currentPassword']/following-sibling::div[@class='field-error']"))
                .getText()).isEqualTo("ist falsch");
        current = driver.findElement(By.name("currentPassword"));
        current.clear();
        current.sendKeys(password, Keys.TAB);
        driver.switchTo().activeElement().sendKeys(newPassword, Keys.TAB);
        driver.switchTo().activeElement().sendKeys(newPassword, Keys.ENTER);
        waitFor(10).until(d -> d.findElement(By.cssSelector("main p[role=status]")).getText().startsWith("Passwort geändert"));
        assertThat(api.post("/api/v1/auth/login", null, Map.of("username", username, "password", password, "tenant", tenant.slug()))
                .status()).isEqualTo(401);
        assertThat(api.login(username, newPassword, tenant.slug())).isNotBlank();

        // audit log: actions in words, names instead of ids, the 32 uploads folded into one row, filters
        driver.findElement(By.cssSelector("nav a[href='#/audit']")).click();
        view("audit");
        String audit = text("main table");
        assertThat(audit).contains("Passwort geändert").contains("Vera Verwaltung").contains("Quelle geändert").contains("Quelle: Website");
        // runs of the same automatic action fold into one row (uploads, and the indexing that now follows them)
        assertThat(driver.findElements(By.xpath("//main//tr[(contains(., 'Dokument hochgeladen') or contains(., 'Dokument indexiert')) and contains(., '× ')]//details"))).isNotEmpty();
        check("audit");
        new Select(driver.findElement(By.cssSelector("main select[name=action]"))).selectByValue("crawl_source.*");
        driver.findElement(By.xpath("//main//form//button[.='Filtern']")).click();
        waitFor(10).until(d -> d.getCurrentUrl().contains("action=crawl_source"));
        view("audit");
        assertThat(text("main table")).contains("Quelle angelegt").contains("Quelle geändert").doesNotContain("Dokument");
        // dates are German whatever the browser's locale: TT.MM.JJJJ, a date that does not exist is marked
        assertThat(driver.findElement(By.cssSelector("main input[name=from]")).getDomAttribute("placeholder")).isEqualTo("TT.MM.JJJJ");
        type("main input[name=from]", "31.02.2026");
        driver.findElement(By.xpath("//main//form//button[.='Filtern']")).click();
        waitFor(10).until(d -> "true".equals(d.findElement(By.cssSelector("main input[name=from]")).getDomAttribute("aria-invalid")));
        assertThat(text("main form")).contains("TT.MM.JJJJ");
        assertThat(driver.getCurrentUrl()).doesNotContain("from=");
        type("main input[name=from]", "01.01.2020");
        driver.findElement(By.xpath("//main//form//button[.='Filtern']")).click();
        waitFor(10).until(d -> d.getCurrentUrl().contains("from=2020-01-01"));
        view("audit");
        waitFor(10).until(d -> "01.01.2020".equals(d.findElement(By.cssSelector("main input[name=from]")).getDomProperty("value")));
        assertThat(text("main table")).contains("Quelle angelegt");
        check("audit-dates");
        // the crawl progress counts failed URLs as settled (6 fetched + 4 failed of 10 discovered is done)
        Object percent = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "import('/console/views/crawl.js').then((m) => done(m.crawlProgress({ discovered: 10, fetched: 6, failed: 4 })));");
        assertThat(((Number) percent).intValue()).isEqualTo(100);

        // usage and budget
        driver.findElement(By.cssSelector("nav a[href='#/usage']")).click();
        view("usage");
        type("main input[name=monthlyTokens]", "500000");
        save(driver.findElement(By.xpath("//main//button[.='Budget speichern']")));
        assertThat(api.get(base + "/llm/budget", editor).json().get("monthlyTokens").asLong()).isEqualTo(500_000);
        check("usage");

        // tenant settings: the contact citizens are sent to
        driver.findElement(By.cssSelector("nav a[href='#/settings']")).click();
        view("settings");
        type("main input[name='contact.email']", "buergerbuero@beispielstadt.example");
        type("main input[name='contact.hours']", "Mo–Fr 8–12 Uhr");
        save(driver.findElement(By.xpath("//main//button[.='Kontakt speichern']")));
        JsonNode contact = api.get(base + "/settings", editor).json().get("contact");
        assertThat(contact.get("email").asString()).isEqualTo("buergerbuero@beispielstadt.example");
        // the tenant admin shapes the assistant: tone and refused topics (the name stays with the platform admins)
        assertThat(driver.findElement(By.name("name")).getDomAttribute("readonly")).as("the name is changed by platform admins").isNotNull();
        type("main input[name=tone]", "herzlich und per Sie");
        type("main textarea[name=refusedTopics]", "Parteipolitik\nWahlempfehlungen");
        driver.findElement(By.xpath("//main//button[.='Assistent speichern']")).click();
        waitFor(10).until(d -> String.valueOf(api.get(base + "/settings", editor).json().get("tone")).contains("herzlich und per Sie"));
        JsonNode assistant = api.get(base + "/settings", editor).json();
        assertThat(assistant.get("refusedTopics").toString()).isEqualTo("[\"Parteipolitik\",\"Wahlempfehlungen\"]");
        assertThat(assistant.get("contact").get("email").asString()).as("saving the assistant keeps the contact")
                .isEqualTo("buergerbuero@beispielstadt.example");
        check("settings");

        // English: texts and statuses follow
        driver.findElement(By.xpath("//header//button[.='English']")).click();
        waitFor(10).until(d -> d.findElement(By.cssSelector("nav a[href='#/settings']")).getText().equals("Settings"));
        driver.get("http://localhost:" + port + "/console/#/spaces/" + spaceId + "?status=failed");
        view("space");
        waitFor(10).until(d -> text(".doc-summary").equals("1–1 of 1 documents"));
        assertThat(text(".doc-list")).contains("failed");
    }

    /**
     * Clicks a save button and waits for the "Gespeichert." toast of this save. The previous save's toast can still be
     * on screen (3.5 s) and would end the wait before this PUT has landed, so it is cleared before the click.
     */
    private void save(WebElement button) {
        driver.executeScript("const n = document.getElementById('toast'); n.textContent = ''; n.classList.remove('show');");
        button.click();
        waitFor(10).until(d -> d.findElement(By.id("toast")).getText().equals("Gespeichert."));
    }
}
