package de.wattos.kb.articles;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.kb.articles.web.ArticleController;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Knowledge articles through the real API: a draft is written and revised, reviewed by a second person (four-eyes),
 * published into its space where search finds it, and withdrawn again; refused transitions, bad input and other
 * tenants' articles get clear answers.
 */
@IntegrationTest
class ArticleWorkflowTest {

    @LocalServerPort int port;
    TestApi api;
    TestApi.Tenant tenant;
    String base;
    String editor;
    String reviewer;
    String space;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        tenant = api.createTenant();
        base = "/api/v1/tenants/" + tenant.slug();
        editor = api.userToken(tenant.slug(), Role.EDITOR);
        reviewer = api.userToken(tenant.slug(), Role.REVIEWER);
        TestApi.Response created = api.post(base + "/spaces", editor, Map.of("name", "Bürgerservice"));
        assertThat(created.status()).isEqualTo(201);
        space = created.json().get("id").asString();
    }

    @Test
    void aReviewedArticleIsPublishedIntoSearchAndWithdrawnAgain() {
        TestApi.Response created = api.post(base + "/kb/articles", editor, Map.of("spaceId", space,
                "title", "Sperrmüll anmelden", "body", "Sperrmüll holt der Bauhof nach Anmeldung ab.",
                "tags", List.of("abfall", "abfall", " service ")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode draft = created.json();
        String article = base + "/kb/articles/" + draft.get("id").asString();
        assertThat(draft.get("status").asString()).isEqualTo("DRAFT");
        assertThat(draft.get("statusLabel").asString()).isEqualTo("Entwurf");
        assertThat(draft.get("version").asInt()).isEqualTo(1);
        assertThat(strings(draft.get("tags"))).containsExactly("abfall", "service");
        assertThat(strings(draft.get("allowedActions"))).containsExactly("edit", "submit");

        TestApi.Response edited = api.put(article, editor, Map.of("title", "Sperrmüll anmelden",
                "body", "Sperrmüll holt der Bauhof Quellenhausen zweimal im Jahr nach Anmeldung unter 0841 305-4711 ab.",
                "tags", List.of("abfall"), "version", 1));
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(edited.json().get("version").asInt()).isEqualTo(2);
        TestApi.Response stale = api.put(article, editor, Map.of("title", "Alt", "body", "Überholt", "version", 1));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.code()).isEqualTo("article_version_stale");
        JsonNode versions = api.get(article + "/versions", editor).json();
        assertThat(versions.size()).isEqualTo(2);
        assertThat(versions.get(0).get("body").asString()).isEqualTo("Sperrmüll holt der Bauhof nach Anmeldung ab.");
        assertThat(api.get(article + "/versions/1", editor).json().get("version").asInt()).isEqualTo(1);
        assertThat(api.get(article + "/versions/9", editor).status()).isEqualTo(404);

        assertThat(api.post(article + "/submit", editor, Map.of()).json().get("status").asString()).isEqualTo("IN_REVIEW");
        assertThat(api.post(article + "/approve", editor, Map.of()).status()).as("an editor is no approver").isEqualTo(403);
        TestApi.Response unexplained = api.post(article + "/reject", reviewer, Map.of());
        assertThat(unexplained.status()).isEqualTo(400);
        TestApi.Response rejected = api.post(article + "/reject", reviewer, Map.of("comment", "Bitte die Telefonnummer prüfen."));
        assertThat(rejected.status()).as(rejected.toString()).isEqualTo(200);
        assertThat(rejected.json().get("status").asString()).isEqualTo("REJECTED");
        assertThat(rejected.json().get("reviewComment").asString()).isEqualTo("Bitte die Telefonnummer prüfen.");

        api.put(article, editor, Map.of("title", "Sperrmüll anmelden",
                "body", "Sperrmüll holt der Bauhof Quellenhausen zweimal im Jahr nach Anmeldung unter 0841 305-4712 ab.",
                "tags", List.of("abfall")));
        api.post(article + "/submit", editor, Map.of());
        TestApi.Response approved = api.post(article + "/approve", reviewer, Map.of("comment", "Passt."));
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(approved.json().get("status").asString()).isEqualTo("APPROVED");
        assertThat(approved.json().get("approvedVersion").asInt()).isEqualTo(3);
        assertThat(hits("Quellenhausen")).as("not searchable before publication").isEmpty();

        TestApi.Response published = api.post(article + "/publish", editor, Map.of());
        assertThat(published.status()).as(published.toString()).isEqualTo(200);
        assertThat(published.json().get("status").asString()).isEqualTo("PUBLISHED");
        assertThat(published.json().get("publishedVersion").asInt()).isEqualTo(3);
        String documentId = published.json().get("publishedDocumentId").asString();
        List<JsonNode> hits = hits("Quellenhausen Sperrmüll");
        assertThat(hits).isNotEmpty();
        assertThat(hits.getFirst().get("documentId").asString()).isEqualTo(documentId);
        assertThat(hits.getFirst().get("title").asString()).isEqualTo("Sperrmüll anmelden");
        assertThat(hits.getFirst().get("snippet").asString()).contains("4712");

        // a revision is a new draft; the published version keeps serving until its successor is published
        api.put(article, editor, Map.of("title", "Sperrmüll anmelden", "body", "Ganz neuer Entwurf über Nordhafenwiese."));
        assertThat(hits("Nordhafenwiese")).isEmpty();
        assertThat(hits("Quellenhausen")).isNotEmpty();
        api.post(article + "/submit", editor, Map.of());
        api.post(article + "/approve", reviewer, Map.of());
        TestApi.Response republished = api.post(article + "/publish", editor, Map.of());
        assertThat(republished.json().get("publishedVersion").asInt()).isEqualTo(4);
        assertThat(hits("Nordhafenwiese")).isNotEmpty();
        assertThat(hits("Quellenhausen")).as("the older version is replaced, not added").isEmpty();

        TestApi.Response withdrawn = api.post(article + "/withdraw", editor, Map.of());
        assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(200);
        assertThat(withdrawn.json().get("status").asString()).isEqualTo("WITHDRAWN");
        assertThat(withdrawn.json().get("publishedVersion").isNull()).isTrue();
        assertThat(hits("Nordhafenwiese")).isEmpty();

        List<String> audited = new ArrayList<>();
        api.get(base + "/audit?size=200", api.adminToken()).json().get("items")
                .forEach(e -> audited.add(e.get("action").asString()));
        assertThat(audited).contains("article.created", "article.edited", "article.submitted", "article.rejected",
                "article.approved", "article.published", "article.withdrawn");
        JsonNode rejection = api.get(base + "/audit?action=article.rejected", api.adminToken()).json().get("items").get(0);
        assertThat(rejection.get("details").get("comment").asString()).isEqualTo("Bitte die Telefonnummer prüfen.");
        assertThat(rejection.get("targetType").asString()).isEqualTo("knowledge_article");
    }

    @Test
    void theAuthorCannotReviewTheirOwnVersion() {
        String article = createDraft(reviewer, "Hundesteuer");
        api.post(article + "/submit", reviewer, Map.of());
        TestApi.Response self = api.post(article + "/approve", reviewer, Map.of());
        assertThat(self.status()).isEqualTo(403);
        assertThat(self.code()).isEqualTo("four_eyes_required");
        assertThat(api.post(article + "/reject", reviewer, Map.of("comment", "selbst")).code()).isEqualTo("four_eyes_required");
        String secondReviewer = api.userToken(tenant.slug(), Role.REVIEWER);
        assertThat(api.post(article + "/approve", secondReviewer, Map.of()).json().get("status").asString())
                .isEqualTo("APPROVED");
    }

    @Test
    void everyEndpointChecksItsRoleAReviewerApprovesButAdministersNothing() {
        String viewer = api.userToken(tenant.slug(), Role.VIEWER);
        String article = createDraft(editor, "Parkausweis");
        assertThat(api.get(article, viewer).status()).isEqualTo(200);
        assertThat(api.get(article + "/versions", viewer).status()).isEqualTo(200);
        assertThat(api.put(article, viewer, Map.of("title", "t", "body", "b")).status()).isEqualTo(403);
        assertThat(api.post(article + "/submit", viewer, Map.of()).status()).isEqualTo(403);
        api.post(article + "/submit", editor, Map.of());
        assertThat(api.post(article + "/approve", viewer, Map.of()).status()).isEqualTo(403);
        assertThat(api.post(article + "/reject", editor, Map.of("comment", "nein")).status()).isEqualTo(403);
        TestApi.Response approved = api.post(article + "/approve", reviewer, Map.of());
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(approved.json().get("reviewedBy").asString()).isNotBlank();
        assertThat(api.post(article + "/publish", viewer, Map.of()).status()).isEqualTo(403);
        assertThat(api.post(article + "/publish", editor, Map.of()).status()).isEqualTo(200);
        assertThat(api.post(article + "/withdraw", viewer, Map.of()).status()).isEqualTo(403);
        // the reviewer role grants review, not administration
        assertThat(api.get(base + "/users", reviewer).status()).isEqualTo(403);
        TestApi.Response reviewerUser = api.post(base + "/users", api.adminToken(), Map.of("username",
                "rev-" + java.util.UUID.randomUUID().toString().substring(0, 8), "password", "ein-langes-passwort-123",
                "roles", List.of("REVIEWER")));
        assertThat(reviewerUser.status()).as(reviewerUser.toString()).isEqualTo(201);
        JsonNode approval = api.get(base + "/audit?action=article.approved", api.adminToken()).json().get("items").get(0);
        assertThat(approval.get("targetType").asString()).isEqualTo("knowledge_article");
    }

    @Test
    void transitionsTheStatusDoesNotAllowAreRefusedWithTheAllowedOnes() {
        String article = createDraft(editor, "Öffnungszeiten");
        TestApi.Response publish = api.post(article + "/publish", editor, Map.of());
        assertThat(publish.status()).isEqualTo(409);
        assertThat(publish.header("Content-Type")).startsWith("application/problem+json");
        assertThat(publish.code()).isEqualTo("article_transition_invalid");
        assertThat(strings(publish.json().get("allowed"))).containsExactly("edit", "submit");
        assertThat(api.post(article + "/approve", reviewer, Map.of()).status()).isEqualTo(409);
        assertThat(api.post(article + "/withdraw", editor, Map.of()).status()).isEqualTo(409);

        api.post(article + "/submit", editor, Map.of());
        TestApi.Response editInReview = api.put(article, editor, Map.of("title", "x", "body", "y"));
        assertThat(editInReview.status()).isEqualTo(409);
        assertThat(strings(editInReview.json().get("allowed"))).containsExactly("approve", "reject");
        assertThat(api.post(article + "/submit", editor, Map.of()).status()).isEqualTo(409);
        assertThat(api.post(article + "/publish", editor, Map.of()).status()).isEqualTo(409);

        TestApi.Response english = api.send(api.builder(article, editor).header("Accept-Language", "en").GET());
        assertThat(english.json().get("statusLabel").asString()).isEqualTo("In review");
        assertThat(api.get(article, editor).json().get("statusLabel").asString()).isEqualTo("In Prüfung");
        TestApi.Response inReview = api.get(base + "/kb/articles?status=in_review", editor);
        assertThat(inReview.json().get("total").asLong()).isEqualTo(1);
        assertThat(api.get(base + "/kb/articles?status=published", editor).json().get("total").asLong()).isZero();
    }

    @Test
    void badInputIsAnsweredWith400AndNeverA500() {
        String articles = base + "/kb/articles";
        assertThat(api.post(articles, editor, Map.of("spaceId", space, "body", "ohne Titel")).status()).isEqualTo(400);
        assertThat(api.post(articles, editor, Map.of("spaceId", space, "title", "ohne Text")).status()).isEqualTo(400);
        assertThat(api.post(articles, editor, Map.of("title", "ohne Raum", "body", "x")).status()).isEqualTo(400);
        TestApi.Response unknownSpace = api.post(articles, editor, Map.of("spaceId", java.util.UUID.randomUUID().toString(),
                "title", "t", "body", "b"));
        assertThat(unknownSpace.status()).isEqualTo(400);
        assertThat(unknownSpace.body()).contains("spaceId");
        assertThat(api.post(articles, editor, Map.of("spaceId", "kein-uuid", "title", "t", "body", "b")).status()).isEqualTo(400);
        assertThat(api.post(articles, editor, Map.of("spaceId", space, "title", "t", "body", "b", "owner", "x")).status())
                .as("unknown field").isEqualTo(400);
        assertThat(api.post(articles, editor, Map.of("spaceId", space, "title", "t", "body", "b", "tags", List.of(""))).status())
                .isEqualTo(400);
        assertThat(api.post(articles, editor, Map.of("spaceId", space, "title", "x".repeat(301), "body", "b")).status())
                .isEqualTo(400);
        TestApi.Response oversized = api.post(articles, editor, Map.of("spaceId", space, "title", "t",
                "body", "Wort ".repeat(ArticleController.MAX_BODY_CHARS / 5 + 1)));
        assertThat(oversized.status()).as(oversized.toString()).isBetween(400, 413);
        assertThat(api.raw("POST", articles, editor, "application/json", "{\"title\":".getBytes(StandardCharsets.UTF_8))
                .status()).isEqualTo(400);
        assertThat(api.get(articles + "?status=bogus", editor).status()).isEqualTo(400);
        assertThat(api.get(articles + "/not-a-uuid", editor).status()).isBetween(400, 404);
        assertThat(api.post(articles, api.userToken(tenant.slug(), Role.VIEWER), Map.of("spaceId", space, "title", "t",
                "body", "b")).status()).isEqualTo(403);
    }

    @Test
    void anotherTenantsArticleIsNotFound() {
        String article = createDraft(editor, "Wahlen");
        String id = article.substring(article.lastIndexOf('/') + 1);
        TestApi.Tenant other = api.createTenant();
        String otherAdmin = api.userToken(other.slug(), Role.TENANT_ADMIN);
        String foreign = "/api/v1/tenants/" + other.slug() + "/kb/articles/" + id;
        assertThat(api.get(foreign, otherAdmin).status()).isEqualTo(404);
        assertThat(api.post(foreign + "/submit", otherAdmin, Map.of()).status()).isEqualTo(404);
        assertThat(api.put(foreign, otherAdmin, Map.of("title", "t", "body", "b")).status()).isEqualTo(404);
        assertThat(api.get(foreign + "/versions", otherAdmin).status()).isEqualTo(404);
        assertThat(api.get(article, otherAdmin).status()).as("the article's own tenant path").isEqualTo(404);
        assertThat(api.get("/api/v1/tenants/" + other.slug() + "/kb/articles", otherAdmin).json().get("total").asLong())
                .isZero();
    }

    private String createDraft(String token, String title) {
        TestApi.Response r = api.post(base + "/kb/articles", token, Map.of("spaceId", space, "title", title,
                "body", "Inhalt zu " + title + "."));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return base + "/kb/articles/" + r.json().get("id").asString();
    }

    private List<JsonNode> hits(String query) {
        TestApi.Response r = api.post(base + "/search", editor, Map.of("query", query, "mode", "lexical"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<JsonNode> hits = new ArrayList<>();
        r.json().get("hits").forEach(hits::add);
        return hits;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }
}
