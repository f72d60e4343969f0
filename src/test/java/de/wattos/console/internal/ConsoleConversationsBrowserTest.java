package de.wattos.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.support.Indexing;
import de.wattos.support.TestApi;
import de.wattos.widget.internal.BrowserSupport;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The conversation log in real headless Chromium: a tenant admin finds what citizens asked (filtered to the
 * unanswered ones too), opens a transcript and sees which source was an approved article and which a crawled page;
 * the export buttons are there for the admin. Data protection: the admin sets how long conversations are kept, deletes
 * one conversation, and deletes every conversation of the widget visitor who had a given one. axe-core on each page.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleConversationsBrowserTest extends ConsolePageTest {

    static final String CRAWLED = """
            Sperrmüll

            Sperrmüll wird jedes Jahr im April und im Oktober abgeholt. Die Abholung melden Sie beim Abfallwirtschaftsbetrieb an. Elektrogeräte gehören zum Wertstoffhof.
            """;

    @LocalServerPort
    int port;
    TestApi api;
    String base;
    SignIn admin;

    @Override
    String label() {
        return "console-conversations";
    }

    @BeforeAll
    void start() throws InterruptedException {
        BrowserSupport.assumeChromium();
        api = new TestApi(port);
        TestApi.Tenant tenant = api.createTenant();
        base = "/api/v1/tenants/" + tenant.slug();
        admin = tenantUser(api, tenant.slug(), "leitung", "TENANT_ADMIN");
        String editor = api.userToken(tenant.slug(), Role.EDITOR);
        String space = api.post(base + "/spaces", editor, Map.of("name", "Bürgerservice")).json().get("id").asString();
        TestApi.Response upload = api.multipart(base + "/spaces/" + space + "/documents", editor, "files",
                Map.of("sperrmuell.txt", CRAWLED.getBytes(StandardCharsets.UTF_8)));
        Indexing.awaitIndexed(api, base, editor, upload.json().get("items").get(0).get("id").asString());
        de.wattos.support.PublishedArticles.publish(api, tenant.slug(), space, "Abholtermine für Sperrmüll",
                "Wann wird der Sperrmüll abgeholt?", "Der Sperrmüll wird am ersten Montag im März und im September abgeholt.");

        // one widget visitor with two conversations, another with one
        TestApi.Response w = api.post(base + "/widgets", editor, Map.of("name", "Bürgerservice", "spaceIds", List.of(space),
                "allowedOrigins", List.of(SITE), "status", "active"));
        assertThat(w.status()).as(w.toString()).isEqualTo(201);
        widgetKey = w.json().get("publicKey").asString();
        String person = widget("sessions", null, null).json().get("token").asString();
        personConversation = widget("messages", person, "{\"content\":\"Wann ist der Wertstoffhof geöffnet?\"}")
                .header("X-Wattos-Conversation-Id");
        widget("messages", person, "{\"content\":\"Wo melde ich meinen Hund an?\"}");
        widget("messages", widget("sessions", null, null).json().get("token").asString(), "{\"content\":\"Wo gibt es Biomülltonnen?\"}");

        JsonNode answered = ask(editor, space, "Wann wird der Sperrmüll abgeholt?");
        assertThat(answered.get("citations").toString()).contains("\"curated\":true");
        assertThat(ask(editor, space, "Wie beantrage ich einen Angelschein?").get("noAnswer").asBoolean()).isTrue();
        long deadline = System.currentTimeMillis() + 60_000;
        while (api.get(base + "/analytics/conversations", api.adminToken()).json().get("total").asLong() < 5) {
            assertThat(System.currentTimeMillis()).as("analytics recorded all five conversations").isLessThan(deadline);
            Thread.sleep(200);
        }
        driver = BrowserSupport.start();
    }

    static final String SITE = "https://www.gemeinde.example";
    String widgetKey;
    String personConversation;

    TestApi.Response widget(String what, String token, String json) {
        java.net.http.HttpRequest.Builder b = api.builder("/api/v1/public/widgets/" + widgetKey + "/" + what, token)
                .header("Origin", SITE).header("Accept", "text/event-stream, application/problem+json");
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        TestApi.Response r = api.send(b.POST(json == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofString(json)));
        assertThat(r.status()).as(r.toString()).isIn(200, 201);
        return r;
    }

    long total() {
        return api.get(base + "/analytics/conversations", api.adminToken()).json().get("total").asLong();
    }

    JsonNode ask(String token, String space, String question) {
        String conversation = api.post(base + "/conversations", token, Map.of("spaceIds", List.of(space),
                "channel", "console", "locale", "de-DE")).json().get("id").asString();
        TestApi.Response asked = api.post(base + "/conversations/" + conversation + "/messages", token, Map.of("content", question));
        assertThat(asked.status()).as(asked.toString()).isEqualTo(200);
        return asked.json().get("message");
    }

    @Test
    void anAdminFindsWhatCitizensAskedAndSeesWhichSourceWasAnApprovedArticle() throws Exception {
        showingFailure(() -> {
            signIn(port, admin);
            navigate("conversations");
            waitFor(20).until(d -> main().contains("Wann wird der Sperrmüll abgeholt?") && main().contains("Angelschein"));
            assertThat(main()).contains("Export als CSV").contains("Export als JSON");
            check("list");

            // only the unanswered ones
            driver.findElement(By.cssSelector("main input[name=noAnswer]")).click();
            driver.findElement(By.cssSelector("main form[role=search] button[type=submit]")).click();
            waitFor(20).until(d -> !main().contains("Wann wird der Sperrmüll abgeholt?"));
            assertThat(main()).contains("Angelschein");
            driver.findElement(By.cssSelector("main input[name=noAnswer]")).click();
            driver.findElement(By.cssSelector("main form[role=search] button[type=submit]")).click();
            waitFor(20).until(d -> main().contains("Wann wird der Sperrmüll abgeholt?"));

            WebElement row = driver.findElements(By.cssSelector("main tbody tr")).stream()
                    .filter(r -> r.getText().contains("Sperrmüll")).findFirst().orElseThrow();
            row.findElement(By.cssSelector("a")).click();
            view("conversation");
            waitFor(20).until(d -> !d.findElements(By.cssSelector("#transcript ol.sources li")).isEmpty());
            List<String> sources = driver.findElements(By.cssSelector("#transcript ol.sources li")).stream().map(WebElement::getText).toList();
            assertThat(sources).anySatisfy(s -> assertThat(s).contains("Abholtermine für Sperrmüll").contains("Geprüfter Artikel"));
            assertThat(sources.stream().filter(s -> !s.contains("Abholtermine")))
                    .as("crawled pages carry no label").allSatisfy(s -> assertThat(s).doesNotContain("Geprüfter Artikel"));
            assertThat(main()).contains("ersten Montag");
            check("transcript");

            // a console conversation has no widget visitor: it can be deleted, there is no person to delete
            assertThat(main()).contains("Dieses Gespräch löschen").doesNotContain("dieser Person");
            button("Dieses Gespräch löschen");
            driver.switchTo().alert().accept();
            view("conversations");
            waitFor(20).until(d -> main().contains("Angelschein") && !main().contains("Wann wird der Sperrmüll abgeholt?"));
            assertThat(total()).isEqualTo(4);

            // every conversation of one widget visitor, found by one of them
            driver.get("http://localhost:" + port + "/console#/conversations/" + personConversation);
            view("conversation");
            waitFor(20).until(d -> main().contains("Alle 2 Gespräche dieser Person löschen (DSGVO)"));
            check("transcript-widget");
            button("Alle 2 Gespräche dieser Person löschen (DSGVO)");
            driver.switchTo().alert().accept();
            view("conversations");
            waitFor(20).until(d -> !main().contains("Wertstoffhof") && main().contains("Biomülltonnen"));
            assertThat(main()).doesNotContain("meinen Hund");
            assertThat(total()).isEqualTo(2);
            assertThat(api.get(base + "/audit?action=analytics.visitor.erased", api.adminToken()).body()).contains(personConversation);

            // how long conversations are kept; deleting old ones now finds none (all are from today)
            assertThat(text("#cv-retention-state")).isEqualTo("Gespräche werden aufbewahrt, bis sie gelöscht werden.");
            type("#cv-retention input[name=days]", "0");
            button("Aufbewahrung speichern");
            waitFor(20).until(d -> !d.findElement(By.cssSelector("#cv-retention .form-error")).getText().isBlank()
                    || !d.findElements(By.cssSelector("#cv-retention [aria-invalid=true]")).isEmpty());
            assertThat(api.get(base + "/analytics/retention", api.adminToken()).json().get("days").isNull()).isTrue();
            type("#cv-retention input[name=days]", "30");
            button("Aufbewahrung speichern");
            waitFor(20).until(d -> text("#cv-retention-state").equals("Gespräche werden nach 30 Tagen gelöscht."));
            assertThat(text("#cv-retention .form-error")).as("the earlier error is gone").isEmpty();
            assertThat(driver.findElements(By.cssSelector("#cv-retention [aria-invalid]"))).isEmpty();
            assertThat(api.get(base + "/analytics/retention", api.adminToken()).json().get("days").asInt()).isEqualTo(30);
            button("Alte Gespräche jetzt löschen");
            waitFor(20).until(d -> text("#cv-retention-state").equals("0 Gespräche gelöscht."));
            assertThat(total()).isEqualTo(2);
            check("retention");
            assertThat(violations).as("axe-core serious/critical violations").isEmpty();
        });
    }
}
