package de.wattos.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import de.wattos.widget.internal.BrowserSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Articles in real headless Chromium: citizens asked twice about the recycling yard's opening hours without an
 * answer; an editor turns that unanswered-question cluster into a draft article (its questions filled in from the
 * citizens' own wording), writes the answer and submits it; the cluster is then handled. axe-core on both pages.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleArticleBrowserTest extends ConsolePageTest {

    @LocalServerPort
    int port;
    TestApi api;
    TestApi.Tenant tenant;
    String base;
    SignIn editorUser;

    @Override
    String label() {
        return "console-article";
    }

    @BeforeAll
    void start() throws InterruptedException {
        BrowserSupport.assumeChromium();
        api = new TestApi(port);
        tenant = api.createTenant();
        base = "/api/v1/tenants/" + tenant.slug();
        editorUser = tenantUser(api, tenant.slug(), "redaktion", "EDITOR");
        String editor = api.userToken(tenant.slug(), Role.EDITOR);
        String space = api.post(base + "/spaces", editor, Map.of("name", "Bürgerservice")).json().get("id").asString();
        for (String question : List.of("Wann hat der Wertstoffhof geöffnet?", "Öffnungszeiten Wertstoffhof am Samstag?")) {
            String conversation = api.post(base + "/conversations", editor, Map.of("spaceIds", List.of(space),
                    "channel", "console", "locale", "de-DE")).json().get("id").asString();
            TestApi.Response asked = api.post(base + "/conversations/" + conversation + "/messages", editor,
                    Map.of("content", question));
            assertThat(asked.json().get("message").get("noAnswer").asBoolean()).as(asked.toString()).isTrue();
        }
        long deadline = System.currentTimeMillis() + 60_000;
        while (clusters().isEmpty() || clusters().get(0).get("questions").asInt() < 2) {
            assertThat(System.currentTimeMillis()).as("analytics clustered the questions in time").isLessThan(deadline);
            Thread.sleep(200);
        }
        driver = BrowserSupport.start();
    }

    List<JsonNode> clusters() {
        List<JsonNode> out = new ArrayList<>();
        api.get(base + "/analytics/unanswered", api.adminToken()).json().path("clusters").forEach(out::add);
        return out;
    }

    @Test
    void anEditorTurnsAnUnansweredClusterIntoADraftArticleAndSubmitsIt() throws Exception {
        showingFailure(this::walkThrough);
    }

    void walkThrough() {
        signIn(port, editorUser);
        navigate("articles");
        waitFor(20).until(d -> d.findElement(By.id("article-clusters")).getText().contains("Wertstoffhof"));
        check("list");
        driver.findElements(By.cssSelector("#article-clusters button")).getFirst().click();
        String questions = driver.findElement(By.cssSelector("#article-form textarea[name=questions]")).getDomProperty("value");
        assertThat(questions).contains("Wann hat der Wertstoffhof geöffnet?").contains("Öffnungszeiten Wertstoffhof am Samstag?");
        assertThat(driver.findElement(By.cssSelector("#article-form input[name=title]")).getDomProperty("value"))
                .containsIgnoringCase("wertstoffhof");
        assertThat(driver.switchTo().activeElement().getDomAttribute("name")).as("focus on the answer").isEqualTo("body");
        driver.switchTo().activeElement().sendKeys("Der Wertstoffhof hat dienstags bis samstags von 8 bis 16 Uhr geöffnet.");
        driver.findElement(By.cssSelector("#article-form button[type=submit]")).click();

        view("article");
        waitFor(20).until(d -> main().contains("Entwurf"));
        assertThat(main()).contains("Wann hat der Wertstoffhof geöffnet?").contains("dienstags bis samstags");
        check("draft");
        button("Zur Prüfung geben");
        waitFor(20).until(d -> main().contains("In Prüfung"));
        assertThat(driver.findElements(By.cssSelector("main button")).stream().map(b -> b.getText()).toList())
                .as("an editor is offered no review").doesNotContain("Freigeben", "Ablehnen");

        assertThat(clusters()).as("the cluster's questions are handled").isEmpty();
        JsonNode drafts = api.get(base + "/kb/articles?status=in_review", api.adminToken()).json();
        assertThat(drafts.get("total").asLong()).isEqualTo(1);
        assertThat(drafts.get("items").get(0).get("questions").size()).isEqualTo(2);
        assertThat(violations).as("axe-core serious/critical violations").isEmpty();
    }
}
