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
 * the export buttons are there for the admin. axe-core on both pages.
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

        JsonNode answered = ask(editor, space, "Wann wird der Sperrmüll abgeholt?");
        assertThat(answered.get("citations").toString()).contains("\"curated\":true");
        assertThat(ask(editor, space, "Wie beantrage ich einen Angelschein?").get("noAnswer").asBoolean()).isTrue();
        long deadline = System.currentTimeMillis() + 60_000;
        while (api.get(base + "/analytics/conversations", api.adminToken()).json().get("total").asLong() < 2) {
            assertThat(System.currentTimeMillis()).as("analytics recorded both conversations").isLessThan(deadline);
            Thread.sleep(200);
        }
        driver = BrowserSupport.start();
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
            assertThat(violations).as("axe-core serious/critical violations").isEmpty();
        });
    }
}
