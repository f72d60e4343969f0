package de.wattos.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The REST API end to end: spaces, uploads, document lifecycle, search, roles, tenant isolation, bad input. */
@IntegrationTest
class KnowledgeApiTest {

    @LocalServerPort int port;
    @Autowired UploadWorkers workers;
    TestApi api;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
    }

    @Test
    void spacesUploadsSearchAndDelete() throws Exception {
        TestApi.Tenant a = api.createTenant();
        String editor = api.userToken(a.slug(), Role.EDITOR);
        String viewer = api.userToken(a.slug(), Role.VIEWER);
        String base = "/api/v1/tenants/" + a.slug();

        TestApi.Response created = api.post(base + "/spaces", editor, Map.of("name", "Ortsrecht", "description", "Satzungen"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("language").asString()).isEqualTo("de");
        String space = created.json().get("id").asString();
        assertThat(api.post(base + "/spaces", editor, Map.of("name", "Ortsrecht")).status()).isEqualTo(409);
        api.post(base + "/spaces", editor, Map.of("name", "Zweiter Raum", "language", "en"));
        TestApi.Response page = api.get(base + "/spaces?page=0&size=1", viewer);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().get("items").size()).isEqualTo(1);
        assertThat(page.json().get("total").asLong()).isEqualTo(2);
        assertThat(api.put(base + "/spaces/" + space, editor, Map.of("name", "Ortsrecht", "description", "neu"))
                .json().get("description").asString()).isEqualTo("neu");

        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("hundesteuer.md", """
                ---
                gemeinde: Musterstadt
                ---
                # Hundesteuersatzung
                ## § 5 Steuersatz
                Die Steuer beträgt für den ersten Hund 96 Euro im Jahr, für jeden weiteren Hund 192 Euro.
                """.getBytes(StandardCharsets.UTF_8));
        files.put("oeffnungszeiten.txt", "Das Bürgerbüro ist montags bis freitags von 8 bis 12 Uhr geöffnet. Telefon 0841 305-0."
                .getBytes(StandardCharsets.UTF_8));
        files.put("geheim.pdf", TestFiles.pdf(List.of(List.of("Geheim")), "pw"));
        TestApi.Response upload = api.multipart(base + "/spaces/" + space + "/documents", editor, "files", files);
        assertThat(upload.status()).as(upload.toString()).isEqualTo(202);
        assertThat(upload.json().get("items").size()).isEqualTo(3);
        assertThat(upload.json().get("items").get(0).get("status").asString()).isEqualTo("pending");
        assertThat(workers.awaitIdle(60_000)).isTrue();

        TestApi.Response failed = api.get(base + "/spaces/" + space + "/documents?status=failed", viewer);
        assertThat(failed.json().get("total").asLong()).isEqualTo(1);
        assertThat(failed.json().get("items").get(0).get("failureReason").asString()).contains("verschlüsselt");
        TestApi.Response indexed = api.get(base + "/spaces/" + space + "/documents?status=indexed&type=markdown", viewer);
        assertThat(indexed.json().get("total").asLong()).isEqualTo(1);
        String docId = indexed.json().get("items").get(0).get("id").asString();
        JsonNode doc = api.get(base + "/spaces/" + space + "/documents/" + docId, viewer).json();
        assertThat(doc.get("chunkCount").asInt()).isPositive();
        assertThat(doc.get("textPreview").asString()).contains("ersten Hund");
        assertThat(doc.get("metadata").get("gemeinde").asString()).isEqualTo("Musterstadt");
        assertThat(api.get(base + "/documents/" + docId, viewer).status()).isEqualTo(200);
        // the chunks in reading order, one page at a time, with the document's chunk count as total
        int chunkCount = doc.get("chunkCount").asInt();
        JsonNode firstChunk = api.get(base + "/documents/" + docId + "/chunks?page=0&size=1", viewer).json();
        assertThat(firstChunk.get("total").asLong()).isEqualTo(chunkCount);
        assertThat(firstChunk.get("items").size()).isEqualTo(1);
        assertThat(firstChunk.get("items").get(0).get("ordinal").asInt()).isZero();
        JsonNode lastChunk = api.get(base + "/documents/" + docId + "/chunks?page=" + (chunkCount - 1) + "&size=1", viewer).json();
        assertThat(lastChunk.get("items").get(0).get("ordinal").asInt()).isEqualTo(chunkCount - 1);
        assertThat(api.get(base + "/documents/" + docId + "/chunks?page=" + chunkCount + "&size=1", viewer)
                .json().get("items").size()).isZero();

        TestApi.Response hits = api.post(base + "/search", viewer, Map.of("query", "Wie hoch ist die Hundesteuer für den ersten Hund?"));
        assertThat(hits.status()).as(hits.toString()).isEqualTo(200);
        JsonNode top = hits.json().get("hits").get(0);
        assertThat(top.get("documentId").asString()).isEqualTo(docId);
        assertThat(top.get("headingPath").asString()).contains("§ 5 Steuersatz");
        assertThat(top.get("snippet").asString()).contains("<mark>");
        assertThat(hits.json().has("tookMs")).isTrue();
        // identifiers: a phone number written differently still matches exactly
        JsonNode phone = api.post(base + "/search", viewer, Map.of("query", "08413050", "mode", "lexical")).json();
        assertThat(phone.get("hits").get(0).get("title").asString()).contains("oeffnungszeiten");

        TestApi.Response updated = api.put(base + "/spaces/" + space + "/documents/" + docId, editor,
                Map.of("title", "Hundesteuer Musterstadt", "metadata", Map.of("thema", "steuern")));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("title").asString()).isEqualTo("Hundesteuer Musterstadt");
        JsonNode filtered = api.post(base + "/search", viewer, Map.of("query", "Hund", "filters", Map.of("thema", "steuern"))).json();
        assertThat(filtered.get("hits").get(0).get("title").asString()).isEqualTo("Hundesteuer Musterstadt");

        assertThat(api.delete(base + "/spaces/" + space + "/documents/" + docId, editor).status()).isEqualTo(204);
        assertThat(api.get(base + "/documents/" + docId, viewer).json().get("status").asString()).isEqualTo("removed");
        JsonNode after = api.post(base + "/search", viewer, Map.of("query", "Hundesteuer")).json();
        for (JsonNode h : after.get("hits")) {
            assertThat(h.get("documentId").asString()).isNotEqualTo(docId);
        }
        assertThat(api.delete(base + "/spaces/" + space, editor).status()).isEqualTo(204);
        assertThat(api.get(base + "/spaces/" + space, viewer).status()).isEqualTo(404);
    }

    @Test
    void rolesIsolationAndBadInput() {
        TestApi.Tenant a = api.createTenant();
        TestApi.Tenant b = api.createTenant();
        String editorA = api.userToken(a.slug(), Role.EDITOR);
        String viewerA = api.userToken(a.slug(), Role.VIEWER);
        String editorB = api.userToken(b.slug(), Role.EDITOR);
        String baseA = "/api/v1/tenants/" + a.slug();
        String baseB = "/api/v1/tenants/" + b.slug();
        String space = api.post(baseA + "/spaces", editorA, Map.of("name", "A")).json().get("id").asString();
        TestApi.Response up = api.multipart(baseA + "/spaces/" + space + "/documents", editorA, "files",
                Map.of("a.txt", "Geheime Information von A.".getBytes(StandardCharsets.UTF_8)));
        String doc = up.json().get("items").get(0).get("id").asString();

        // VIEWER may read and search, not write
        assertThat(api.multipart(baseA + "/spaces/" + space + "/documents", viewerA, "files",
                Map.of("b.txt", "x".getBytes(StandardCharsets.UTF_8))).status()).isEqualTo(403);
        assertThat(api.post(baseA + "/spaces", viewerA, Map.of("name", "nope")).status()).isEqualTo(403);
        assertThat(api.post(baseA + "/search", viewerA, Map.of("query", "Information")).status()).isEqualTo(200);

        // tenant B sees nothing of A: not via its own tenant path, not via A's path
        assertThat(api.get(baseB + "/spaces/" + space, editorB).status()).isEqualTo(404);
        assertThat(api.get(baseB + "/documents/" + doc, editorB).status()).isEqualTo(404);
        assertThat(api.get(baseB + "/spaces/" + space + "/documents", editorB).status()).isEqualTo(404);
        assertThat(api.delete(baseB + "/documents/" + doc, editorB).status()).isEqualTo(404);
        assertThat(api.multipart(baseB + "/spaces/" + space + "/documents", editorB, "files",
                Map.of("c.txt", "x".getBytes(StandardCharsets.UTF_8))).status()).isEqualTo(404);
        assertThat(api.get(baseA + "/spaces/" + space, editorB).status()).isEqualTo(404);
        assertThat(api.post(baseB + "/search", editorB, Map.of("query", "Geheime Information", "spaceIds", List.of(space)))
                .json().get("hits").size()).isZero();

        // bad input is problem+json, never 500
        TestApi.Response r = api.post(baseA + "/search", viewerA, Map.of("query", ""));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Content-Type")).contains("application/problem+json");
        assertThat(api.post(baseA + "/search", viewerA, Map.of("query", "x", "topK", 51)).status()).isEqualTo(400);
        assertThat(api.post(baseA + "/search", viewerA, Map.of("query", "x", "mode", "fuzzy")).code()).isEqualTo("validation_failed");
        assertThat(api.post(baseA + "/search", viewerA, Map.of("query", "x", "spaceIds", List.of("kein-uuid"))).status()).isEqualTo(400);
        assertThat(api.post(baseA + "/spaces", editorA, Map.of("name", "x", "colour", "red")).status()).isEqualTo(400);
        assertThat(api.post(baseA + "/spaces", editorA, Map.of("name", "x", "language", "deutsch")).status()).isEqualTo(400);
        assertThat(api.get(baseA + "/spaces?size=1000", viewerA).status()).isEqualTo(400);
        assertThat(api.get(baseA + "/spaces/kein-uuid", viewerA).status()).isEqualTo(400);
        assertThat(api.get(baseA + "/spaces/" + space + "/documents?status=weird", viewerA).status()).isEqualTo(400);
        assertThat(api.raw("POST", baseA + "/spaces/" + space + "/documents", editorA, "application/json",
                "{}".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(415);
        assertThat(api.raw("POST", baseA + "/spaces/" + space + "/documents", editorA, "multipart/form-data; boundary=x",
                "--x\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nhi\r\n--x--\r\n".getBytes(StandardCharsets.UTF_8))
                .status()).isEqualTo(400);
        byte[] big = new byte[51 * 1024 * 1024];
        TestApi.Response tooBig = api.multipart(baseA + "/spaces/" + space + "/documents", editorA, "files", Map.of("big.txt", big));
        assertThat(tooBig.status()).isEqualTo(413);
    }
}
