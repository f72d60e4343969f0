package de.wattos.chat;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.knowledge.IncomingDocument;
import de.wattos.knowledge.IngestResult;
import de.wattos.knowledge.Ingestion;
import de.wattos.platform.Role;
import de.wattos.platform.TenantContext;
import de.wattos.support.TestApi;
import de.wattos.tenancy.Tenants;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The questions of issue 8 on real pages of the Ingolstadt website from {@code ../shared/evaldata} (skipped when
 * absent), answered without a model: right with the right source, or an honest no-answer that names the tenant's
 * contact; independent questions in one conversation are searched alone; English conversations get English texts.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnswerTrustEvaldataTest {

    static final String SITE = "website/sdg.nachhaltigkeitsagenda-ingolstadt.de";
    static final String SITE_URL = "https://sdg.nachhaltigkeitsagenda-ingolstadt.de/";
    /** The pages the questions are about, the bilingual/English ones, and neighbours that used to be quoted wrongly. */
    static final List<String> PAGES = List.of("1-1", "1-3", "1-5", "1-8", "11-2", "11-3", "12-5", "8-11", "about",
            "about/cookies-and-privacy", "reiter-english", "leichte-sprache", "reporting-status", "faq", "contact", "");

    @LocalServerPort
    int port;
    @Autowired
    Ingestion ingestion;
    @Autowired
    Tenants tenants;

    TestApi api;
    String base;
    String viewer;
    UUID space;

    @BeforeAll
    void setUp() throws Exception {
        String dir = System.getProperty("wattos.evaldata");
        Assumptions.assumeTrue(dir != null && Files.isDirectory(Path.of(dir, SITE)), "evaldata not present (wattos.evaldata) — skipped");
        Path site = Path.of(dir, SITE);
        api = new TestApi(port);
        TestApi.Tenant tenant = api.createTenant();
        base = "/api/v1/tenants/" + tenant.slug();
        String admin = api.userToken(tenant.slug(), Role.TENANT_ADMIN);
        assertThat(api.put(base + "/settings", admin, Map.of("contact", Map.of("email", "buergerservice@example-stadt.de",
                "phone", "0841 305-0", "hours", "Mo–Fr 8–12 Uhr"))).status()).isEqualTo(200);
        space = UUID.fromString(api.post(base + "/spaces", admin, Map.of("name", "Website")).json().get("id").asString());
        TenantContext.runAs(tenants.ref(tenant.id()).orElseThrow(), () -> {
            for (String page : PAGES) {
                try {
                    byte[] html = Files.readAllBytes(site.resolve(page.isEmpty() ? "index.html" : page + "/index.html"));
                    IngestResult r = ingestion.ingest(new IncomingDocument(space, null, SITE_URL + (page.isEmpty() ? "" : page + "/"),
                            null, "text/html", html, Map.of()));
                    assertThat(r.outcome()).as(page + ": " + r.reason()).isNotEqualTo(IngestResult.Outcome.FAILED);
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        viewer = api.userToken(tenant.slug(), Role.VIEWER);
    }

    UUID conversation(String locale) {
        return UUID.fromString(api.post(base + "/conversations", viewer, Map.of("spaceIds", List.of(space), "locale", locale))
                .json().get("id").asString());
    }

    JsonNode ask(UUID conversation, String question) {
        TestApi.Response r = api.post(base + "/conversations/" + conversation + "/messages", viewer, Map.of("content", question));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("message");
    }

    static List<String> urls(JsonNode message) {
        return message.get("citations").findValuesAsString("url");
    }

    @Test
    void theFourQuestionsOfTheIssueAreAnsweredRightOrHonestlyInOneConversation() {
        UUID conversation = conversation("de-DE");

        // the issue's wrong answers (another indicator's source, the privacy page) are gone; see the answers
        // benchmark for whether the right row is found
        JsonNode source = ask(conversation, "Woher stammen die Daten zur Wohnungslosigkeit in Ingolstadt?");
        assertThat(source.get("content").asString()).as(source.toString()).doesNotContain("Straßenbefahrung")
                .doesNotContain("fremden Inhalte").doesNotStartWith("Laut den vorliegenden Informationen");
        assertThat(urls(source)).doesNotContain(SITE_URL + "11-2/", SITE_URL + "about/cookies-and-privacy/");

        JsonNode sdg = ask(conversation, "Was bedeutet SDG und wie viele Ziele gibt es?");
        // right or honest, and never the English half of the bilingual project text
        assertThat(sdg.get("content").asString()).as(sdg.toString()).doesNotContain(" the ").doesNotContain("The ");
        if (!sdg.get("noAnswer").asBoolean()) {
            assertThat(sdg.get("content").asString()).contains("17");
        }

        JsonNode indicators = ask(conversation, "Wie viele Indikatoren gibt es und für wie viele liegen schon Daten vor?");
        String counted = indicators.get("content").asString();
        // not yet right: the overview counts (134/127) are not found; the recycling text of the issue is no answer
        // any more (an honest no-answer may still offer that page among the nearby links, without citing it)
        if (indicators.get("noAnswer").asBoolean()) {
            assertThat(indicators.get("citations").size()).as(indicators.toString()).isZero();
            assertThat(counted).startsWith("Dazu habe ich in den vorliegenden Informationen keine verlässliche Antwort gefunden.");
        } else {
            assertThat(counted).as(indicators.toString()).doesNotContainIgnoringCase("recycling").contains("1");
        }

        JsonNode easy = ask(conversation, "Gibt es diese Informationen auch in Leichter Sprache?");
        assertThat(easy.get("content").asString()).as(easy.toString()).startsWith("Ja");
        assertThat(urls(easy)).containsExactly(SITE_URL + "leichte-sprache/");

        // independent questions: each was searched alone, nothing of an earlier topic carried over
        JsonNode stored = api.get(base + "/conversations/" + conversation, viewer).json().get("messages");
        for (JsonNode m : stored) {
            if (m.hasNonNull("searchQuery") && !m.get("searchQuery").asString().isEmpty()) {
                assertThat(m.get("searchQuery").asString()).doesNotContain("(");
            }
        }
    }

    @Test
    void theNoAnswerIsHonestNamesTheContactAndOffersNoWrongCitation() {
        JsonNode m = ask(conversation("de-DE"), "Wann findet der Christkindlmarkt statt?");
        assertThat(m.get("noAnswer").asBoolean()).as(m.toString()).isTrue();
        assertThat(m.get("citations").size()).isZero();
        assertThat(m.get("content").asString()).contains("keine verlässliche Antwort")
                .contains("buergerservice@example-stadt.de").contains("0841 305-0").contains("Mo–Fr 8–12 Uhr")
                .doesNotContain("Bitte wenden Sie sich an Ihre Verwaltung");
    }

    @Test
    void anEnglishConversationGetsEnglishTexts() {
        JsonNode m = ask(conversation("en"), "When does the Christmas market take place?");
        assertThat(m.get("noAnswer").asBoolean()).as(m.toString()).isTrue();
        assertThat(m.get("content").asString()).contains("could not find a reliable answer").contains("You can reach us")
                .contains("buergerservice@example-stadt.de").doesNotContain("keine verlässliche Antwort");
    }
}
