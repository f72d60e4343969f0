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
    String space;
    String document;

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
        space = api.post(base + "/spaces", editor, Map.of("name", "Bürgerservice")).json().get("id").asString();
        TestApi.Response upload = api.multipart(base + "/spaces/" + space + "/documents", editor, "files",
                Map.of("hundesteuer.txt", HUNDESTEUER.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(upload.status()).as(upload.toString()).isEqualTo(202);
        document = upload.json().get("items").get(0).get("id").asString();
        de.wattos.support.Indexing.awaitIndexed(api, base, editor, document);
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

    static final String HUNDESTEUER = """
            Hundesteuer

            Wer in der Gemeinde einen Hund hält, muss ihn innerhalb von zwei Wochen bei der Steuerverwaltung anmelden.
            Die Hundesteuer beträgt für den ersten Hund 96 Euro im Jahr und für jeden weiteren Hund 192 Euro im Jahr.
            Nach der Anmeldung der Hundesteuer erhalten Sie eine Hundesteuermarke, die der Hund sichtbar tragen muss.
            Blindenführhunde und Hunde aus dem Tierheim sind im ersten Jahr von der Hundesteuer befreit.
            Die Abmeldung eines Hundes ist ebenfalls bei der Steuerverwaltung der Gemeinde möglich.
            """;

    /** From the documents list: "Artikelentwurf" makes a draft of the document's summary and opens it. */
    @Test
    void anEditorMakesADraftArticleFromAnIndexedDocument() throws Exception {
        showingFailure(() -> {
            signedIn();
            driver.get("http://localhost:" + port + "/console#/spaces/" + space);
            view("space");
            By draft = By.cssSelector("main button[aria-label='Artikelentwurf aus „hundesteuer.txt“ erstellen'], "
                    + "main button[aria-label^='Artikelentwurf aus „Hundesteuer']");
            waitFor(20).until(d -> !d.findElements(draft).isEmpty());
            check("documents");
            driver.findElements(draft).getFirst().click();
            view("article");
            waitFor(20).until(d -> main().contains("Entwurf"));
            String note = text("#article-draft-note");
            assertThat(note).contains("Kernsätze des Dokuments (ohne Sprachmodell)").contains("Bitte prüfen");
            assertThat(main()).contains("Hundesteuer").contains("96 Euro").contains("Quelle:");
            check("draft-from-document");
            JsonNode drafts = api.get(base + "/kb/articles?status=draft", api.adminToken()).json();
            assertThat(drafts.toString()).contains("Die Hundesteuer beträgt für den ersten Hund 96 Euro");
            assertThat(violations).as("axe-core serious/critical violations").isEmpty();
        });
    }

    /** The article page's target-group picker: ticked personas are saved with the new version and shown by name. */
    @Test
    void anEditorPicksTheTargetGroupsOfAnArticle() throws Exception {
        String editor = api.userToken(tenant.slug(), Role.EDITOR);
        String personaSpace = de.wattos.character.CharacterFixtures.indexedSpace(api, base, editor);
        JsonNode proposal = api.post(base + "/characters/define", editor, Map.of("prompt",
                "Freundlicher Assistent der Gemeinde Bad Boll, siezt, hilft Familien und Betrieben")).json().get("character");
        String character = api.post(base + "/characters?makeDefault=true", editor, proposal).json().get("id").asString();
        TestApi.Response job = api.post(base + "/personas/generate", editor, Map.of("characterId", character,
                "spaceIds", List.of(personaSpace), "minQualityScore", 0.0, "maxPersonas", 3));
        assertThat(job.status()).as(job.toString()).isEqualTo(202);
        de.wattos.character.CharacterFixtures.awaitJob(api, base, editor, job.json().get("id").asString());
        List<JsonNode> personas = new ArrayList<>();
        api.get(base + "/personas?size=100", editor).json().get("items").forEach(personas::add);
        assertThat(personas).hasSizeGreaterThanOrEqualTo(2);
        String article = api.post(base + "/kb/articles", editor, Map.of("spaceId", space, "title", "Kita-Gebühren",
                "body", "Die Kita-Gebühren richten sich nach dem Einkommen.")).json().get("id").asString();

        showingFailure(() -> {
            signedIn();
            driver.get("http://localhost:" + port + "/console#/articles/" + article);
            view("article");
            By first = By.id("ap-" + personas.get(0).get("id").asString());
            waitFor(20).until(d -> !d.findElements(first).isEmpty());
            driver.findElement(first).click();
            check("persona-picker");
            driver.findElement(By.cssSelector("#article-edit button[type=submit]")).click();
            String name = personas.get(0).get("persona").get("name").asString();
            waitFor(20).until(d -> d.findElements(By.id("article-validity")).stream().anyMatch(e -> e.getText().contains(name)));
            assertThat(driver.findElement(By.id("ap-" + personas.get(0).get("id").asString())).isSelected()).isTrue();
            assertThat(driver.findElement(By.id("ap-" + personas.get(1).get("id").asString())).isSelected()).isFalse();
        });
        JsonNode saved = api.get(base + "/kb/articles/" + article, editor).json();
        assertThat(saved.get("version").asInt()).isEqualTo(2);
        assertThat(saved.get("personaIds").toString()).isEqualTo("[\"" + personas.get(0).get("id").asString() + "\"]");
        assertThat(violations).as("axe-core serious/critical violations").isEmpty();
    }

    @Test
    void anEditorTurnsAnUnansweredClusterIntoADraftArticleAndSubmitsIt() throws Exception {
        showingFailure(this::walkThrough);
    }

    /** Signs in as the editor unless the session of the other test still holds. */
    void signedIn() {
        driver.get("http://localhost:" + port + "/console");
        waitFor(30).until(d -> d.findElements(By.cssSelector("nav a[href='#/articles']")).size() == 1
                || "login".equals(d.findElement(By.tagName("body")).getDomAttribute("data-view")));
        if ("login".equals(driver.findElement(By.tagName("body")).getDomAttribute("data-view"))) {
            signIn(port, editorUser);
        }
    }

    void walkThrough() {
        signedIn();
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
        assertThat(drafts.get("items").get(0).get("title").asString()).containsIgnoringCase("wertstoffhof");
        assertThat(drafts.get("items").get(0).get("questions").size()).isEqualTo(2);
        assertThat(violations).as("axe-core serious/critical violations").isEmpty();
    }
}
