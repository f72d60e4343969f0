package de.wattos.kb.articles;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import de.wattos.IntegrationTest;
import de.wattos.crawl.TestPdf;
import de.wattos.llm.internal.contract.F13Stub;
import de.wattos.platform.Role;
import de.wattos.support.Indexing;
import de.wattos.support.OpenAiStub;
import de.wattos.support.ProviderStub;
import de.wattos.support.TestApi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST …/kb/articles/from-document}: a draft from an indexed document's summary. F13's {@code /summary/text}
 * first (loopback F13 with its Keycloak), then the tenant's model through the gateway (loopback OpenAI-compatible
 * model), then the document's own central sentences; a failing source is skipped with its reason. Unknown or
 * foreign documents 404, a document not served 409, bad input 400, viewers 403.
 */
@IntegrationTest
class ArticleFromDocumentTest {

    static final String BESCHEID = """
            Gewerbeanmeldung in der Gemeinde Musterhausen

            Wer ein Gewerbe beginnt, muss es beim Ordnungsamt der Gemeinde Musterhausen anmelden.
            Die Anmeldung ist online über das Serviceportal oder persönlich im Rathaus im Zimmer 12 möglich.
            Für die Gewerbeanmeldung benötigen Sie einen gültigen Personalausweis oder Reisepass.
            Die Gebühr für die Gewerbeanmeldung beträgt 26 Euro und wird bei der Anmeldung fällig.
            Handwerksbetriebe brauchen zusätzlich die Eintragung in die Handwerksrolle der Handwerkskammer.
            Das Ordnungsamt leitet die Gewerbeanmeldung an das Finanzamt und die Industrie- und Handelskammer weiter.
            Öffnungszeiten des Rathauses: Montag bis Freitag von 8 bis 12 Uhr, Donnerstag zusätzlich von 14 bis 18 Uhr.
            Eine Ummeldung oder Abmeldung des Gewerbes erfolgt ebenfalls beim Ordnungsamt der Gemeinde.
            """;

    /** F13 with its summary routes; what they answer is set per test. */
    static final class SummaryF13 extends F13Stub {
        volatile int status = 200;
        volatile int fileStatus = 200;
        volatile boolean garbage;

        @Override
        protected boolean serveOther(HttpExchange ex, Received r) throws IOException {
            boolean file = r.path().equals("/summary/file");
            if (!file && !r.path().equals("/summary/text")) {
                return super.serveOther(ex, r);
            }
            String auth = r.header("authorization");
            String type = r.header("content-type");
            if (auth == null || !valid.contains(auth.substring(7))) {
                send(ex, 401, "application/json", json(Map.of("detail", "Not authenticated")));
            } else if (file && (type == null || !type.startsWith("multipart/form-data; boundary="))) {
                send(ex, 422, "application/json", json(Map.of("detail", "file: field required")));
            } else if (file && fileStatus != 200) {
                send(ex, fileStatus, "application/json", json(Map.of("detail", "Dateityp wird nicht unterstützt")));
            } else if (file) {
                send(ex, 200, "application/json", json(Map.of("summary", "Aus der Datei: Gewerbe meldet man beim Ordnungsamt an.")));
            } else if (garbage) {
                send(ex, 200, "text/html", "<html>Wartungsarbeiten</html>");
            } else if (status != 200) {
                send(ex, status, "application/json", json(Map.of("detail", "Permission service unavailable")));
            } else {
                send(ex, 200, "application/json", json(Map.of("summary",
                        "Gewerbe meldet man beim Ordnungsamt an; die Gebühr beträgt 26 Euro.")));
            }
            return true;
        }
    }

    @LocalServerPort int port;
    final List<AutoCloseable> stubs = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable s : stubs) {
            s.close();
        }
    }

    record Setup(String slug, String base, String editor, String space, String document) {
    }

    @Test
    void withoutServiceOrModelTheDraftIsMadeOfTheDocumentsOwnSentences() throws Exception {
        TestApi api = new TestApi(port);
        Setup t = tenantWithDocument(api);

        TestApi.Response r = api.post(t.base() + "/kb/articles/from-document", t.editor(), Map.of("documentId", t.document()));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().get("summarySource").asString()).isEqualTo("extractive");
        assertThat(r.json().get("summarySourceLabel").asString()).isEqualTo("Kernsätze des Dokuments (ohne Sprachmodell)");
        assertThat(r.json().get("skipped")).isEmpty();
        JsonNode article = r.json().get("article");
        assertThat(article.get("status").asString()).isEqualTo("DRAFT");
        assertThat(article.get("spaceId").asString()).isEqualTo(t.space());
        assertThat(article.get("title").asString()).isNotBlank();
        String body = article.get("body").asString();
        String summary = body.substring(0, body.indexOf("\n\nQuelle: "));
        String flatDocument = BESCHEID.replaceAll("\\s+", " ");
        List<String> sentences = List.of(summary.split("(?<=[.!?:]) "));
        assertThat(sentences).as("a few sentences: " + summary).hasSizeBetween(2, 5);
        assertThat(sentences).as("every sentence is the document's own").allSatisfy(s -> assertThat(flatDocument).contains(s));
        assertThat(summary).as("central statements, not the opening hours").contains("Gewerbeanmeldung");
        assertThat(body).endsWith("\n\nQuelle: " + article.get("title").asString());

        // the draft is an ordinary draft: listed, editable, under the workflow (created event in the audit trail)
        String id = article.get("id").asString();
        assertThat(api.get(t.base() + "/kb/articles/" + id, t.editor()).json().get("allowedActions").toString()).contains("submit");
        JsonNode audit = api.get(t.base() + "/audit?action=article.created", api.userToken(t.slug(), Role.TENANT_ADMIN)).json();
        assertThat(audit.toString()).as(audit.toString()).contains(id).contains("extractive");

        // English labels on request
        TestApi.Response en = api.send(api.builder(t.base() + "/kb/articles/from-document", t.editor())
                .header("Content-Type", "application/json").header("Accept-Language", "en")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"documentId\": \"" + t.document() + "\"}")));
        assertThat(en.status()).as(en.toString()).isEqualTo(201);
        assertThat(en.json().get("summarySourceLabel").asString()).isEqualTo("Key sentences of the document (no language model)");
    }

    @Test
    void f13SummarisesFirstAndAFailingF13FallsBackToTheModelThenToTheOwnSentences() throws Exception {
        TestApi api = new TestApi(port);
        Setup t = tenantWithDocument(api);
        SummaryF13 f13 = connectF13(api, t, null);

        TestApi.Response byF13 = api.post(t.base() + "/kb/articles/from-document", t.editor(), Map.of("documentId", t.document()));
        assertThat(byF13.status()).as(byF13.toString()).isEqualTo(201);
        assertThat(byF13.json().get("summarySource").asString()).isEqualTo("f13");
        assertThat(byF13.json().get("summaryInput").asString()).as("a text file: its extracted text").isEqualTo("text");
        assertThat(f13.received).as("only PDF and DOCX go to the file route").noneMatch(x -> x.path().equals("/summary/file"));
        assertThat(byF13.json().get("article").get("body").asString())
                .startsWith("Gewerbe meldet man beim Ordnungsamt an; die Gebühr beträgt 26 Euro.");
        ProviderStub.Received sent = f13.received.stream().filter(x -> x.path().equals("/summary/text")).findFirst().orElseThrow();
        assertThat(sent.json().get("text").asString()).contains("Handwerksrolle");
        assertThat(f13.tokensIssued.get()).as("a Keycloak token was used").isGreaterThanOrEqualTo(1);

        // F13 fails, no model: the own sentences, and the editor learns why F13 was skipped
        f13.status = 503;
        TestApi.Response down = api.post(t.base() + "/kb/articles/from-document", t.editor(), Map.of("documentId", t.document()));
        assertThat(down.status()).as(down.toString()).isEqualTo(201);
        assertThat(down.json().get("summarySource").asString()).isEqualTo("extractive");
        assertThat(down.json().get("skipped").get(0).get("source").asString()).isEqualTo("f13");
        assertThat(down.json().get("skipped").get(0).get("reason").asString()).contains("503").contains("Permission service unavailable");

        // F13 garbles, a model is configured: the model summarises
        f13.status = 200;
        f13.garbage = true;
        OpenAiStub model = new OpenAiStub();
        stubs.add(model);
        model.enqueue(ProviderStub.answer("Ein Gewerbe wird beim Ordnungsamt angemeldet."));
        TestApi.Response provider = api.post(t.base() + "/llm/providers", api.userToken(t.slug(), Role.TENANT_ADMIN),
                Map.of("name", "Loopback", "type", "openai", "baseUrl", model.baseUri().toString(), "apiKey", "sk-test-summary",
                        "defaultModel", "gpt-stub"));
        assertThat(provider.status()).as(provider.toString()).isEqualTo(201);
        TestApi.Response byModel = api.post(t.base() + "/kb/articles/from-document", t.editor(), Map.of("documentId", t.document()));
        assertThat(byModel.status()).as(byModel.toString()).isEqualTo(201);
        assertThat(byModel.json().get("summarySource").asString()).isEqualTo("model");
        assertThat(byModel.json().get("summaryModel").asString()).contains("gpt-stub");
        assertThat(byModel.json().get("skipped").get(0).get("reason").asString()).contains("no JSON");
        assertThat(byModel.json().get("article").get("body").asString()).startsWith("Ein Gewerbe wird beim Ordnungsamt angemeldet.");
        JsonNode modelRequest = model.received.getLast().json();
        assertThat(modelRequest.toString()).contains("Übernimm nur Aussagen, die im Dokument stehen").contains("Handwerksrolle");
    }

    @Test
    void anUploadedPdfGoesToF13AsItArrivedAndItsTextWhenTheFileRouteRefuses() throws Exception {
        TestApi api = new TestApi(port);
        Setup t = tenantWithDocument(api);
        byte[] pdf = TestPdf.of((BESCHEID.strip() + "\nStand des Merkblatts: März 2026").split("\n"));
        TestApi.Response upload = api.multipart(t.base() + "/spaces/" + t.space() + "/documents", t.editor(), "files",
                Map.of("Gewerbe Übersicht.pdf", pdf));
        assertThat(upload.status()).as(upload.toString()).isEqualTo(202);
        String document = upload.json().get("items").get(0).get("id").asString();
        Indexing.awaitIndexed(api, t.base(), t.editor(), document);
        SummaryF13 f13 = connectF13(api, t, "f13-llm");

        TestApi.Response byFile = api.post(t.base() + "/kb/articles/from-document", t.editor(), Map.of("documentId", document));
        assertThat(byFile.status()).as(byFile.toString()).isEqualTo(201);
        assertThat(byFile.json().get("summarySource").asString()).isEqualTo("f13");
        assertThat(byFile.json().get("summaryInput").asString()).isEqualTo("file");
        assertThat(byFile.json().get("article").get("body").asString())
                .startsWith("Aus der Datei: Gewerbe meldet man beim Ordnungsamt an.");
        assertThat(f13.received).as("the file route sufficed").noneMatch(x -> x.path().equals("/summary/text"));
        ProviderStub.Received sent = f13.received.stream().filter(x -> x.path().equals("/summary/file")).findFirst().orElseThrow();
        Map<String, Part> parts = parts(sent);
        assertThat(parts).containsOnlyKeys("file", "language_model");
        assertThat(parts.get("file").headers()).contains("filename=\"Gewerbe Übersicht.pdf\"")
                .contains("Content-Type: application/pdf");
        assertThat(parts.get("file").content()).as("the PDF byte for byte").isEqualTo(pdf);
        assertThat(new String(parts.get("language_model").content(), StandardCharsets.UTF_8)).isEqualTo("f13-llm");
        JsonNode audit = api.get(t.base() + "/audit?action=article.created", api.userToken(t.slug(), Role.TENANT_ADMIN)).json();
        assertThat(audit.toString()).contains("\"summaryInput\":\"file\"");

        // F13 refuses the file: its extracted text goes to the text route instead
        f13.fileStatus = 415;
        TestApi.Response byText = api.post(t.base() + "/kb/articles/from-document", t.editor(), Map.of("documentId", document));
        assertThat(byText.status()).as(byText.toString()).isEqualTo(201);
        assertThat(byText.json().get("summarySource").asString()).isEqualTo("f13");
        assertThat(byText.json().get("summaryInput").asString()).isEqualTo("text");
        assertThat(f13.received.stream().filter(x -> x.path().equals("/summary/text")).findFirst().orElseThrow()
                .json().get("text").asString()).contains("Handwerksrolle");

        // both routes fail: the editor reads both reasons, the draft is made of the document's own sentences
        f13.status = 503;
        TestApi.Response neither = api.post(t.base() + "/kb/articles/from-document", t.editor(), Map.of("documentId", document));
        assertThat(neither.status()).as(neither.toString()).isEqualTo(201);
        assertThat(neither.json().get("summarySource").asString()).isEqualTo("extractive");
        assertThat(neither.json().get("skipped").get(0).get("reason").asString())
                .contains("/summary/file: HTTP 415").contains("Dateityp wird nicht unterstützt")
                .contains("/summary/text: HTTP 503");
    }

    /** A loopback F13 (with its Keycloak) as the tenant's F13 connection; {@code chatModel} may be null. */
    private SummaryF13 connectF13(TestApi api, Setup t, String chatModel) {
        SummaryF13 f13 = new SummaryF13();
        stubs.add(f13);
        Map<String, Object> s = new HashMap<>();
        s.put("baseUrl", f13.baseUri().toString());
        s.put("clientId", "wattos");
        s.put("clientSecret", "geheim");
        if (chatModel != null) {
            s.put("chatModel", chatModel);
        }
        assertThat(api.put(t.base() + "/f13/settings", api.userToken(t.slug(), Role.TENANT_ADMIN), s).status()).isEqualTo(200);
        return f13;
    }

    record Part(String headers, byte[] content) {
    }

    /** The parts of a {@code multipart/form-data} request by name, each with its header lines and exact bytes. */
    private static Map<String, Part> parts(ProviderStub.Received r) {
        String type = r.header("content-type");
        String boundary = "--" + type.substring(type.indexOf("boundary=") + "boundary=".length());
        String body = new String(r.bytes(), StandardCharsets.ISO_8859_1);
        assertThat(body).startsWith(boundary + "\r\n").endsWith(boundary + "--\r\n");
        Map<String, Part> parts = new HashMap<>();
        for (String chunk : body.substring(0, body.lastIndexOf(boundary + "--")).split(java.util.regex.Pattern.quote(boundary + "\r\n"))) {
            if (chunk.isEmpty()) {
                continue;
            }
            int split = chunk.indexOf("\r\n\r\n");
            String headers = new String(chunk.substring(0, split).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            String content = chunk.substring(split + 4, chunk.length() - 2); // without the CRLF before the next boundary
            java.util.regex.Matcher name = java.util.regex.Pattern.compile("name=\"([^\"]+)\"").matcher(headers);
            assertThat(name.find()).as(headers).isTrue();
            parts.put(name.group(1), new Part(headers, content.getBytes(StandardCharsets.ISO_8859_1)));
        }
        return parts;
    }

    @Test
    void unknownForeignUnservedDocumentsAndBadInputGetClearErrors() throws Exception {
        TestApi api = new TestApi(port);
        Setup t = tenantWithDocument(api);
        Setup other = tenantWithDocument(api);
        String path = t.base() + "/kb/articles/from-document";

        TestApi.Response unknown = api.post(path, t.editor(), Map.of("documentId", UUID.randomUUID().toString()));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("detail").asString()).contains("Dokument");
        assertThat(api.post(path, t.editor(), Map.of("documentId", other.document())).status())
                .as("another tenant's document").isEqualTo(404);
        assertThat(api.post(other.base() + "/kb/articles/from-document", t.editor(), Map.of("documentId", other.document())).status())
                .as("another tenant's path").isIn(403, 404);

        TestApi.Response missing = api.post(path, t.editor(), Map.of());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().toString()).contains("documentId");
        assertThat(api.post(path, t.editor(), Map.of("documentId", "kein-uuid")).status()).isEqualTo(400);
        assertThat(api.raw("POST", path, t.editor(), "application/json", "{\"documentId\": ".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(400);
        assertThat(api.post(path, api.userToken(t.slug(), Role.VIEWER), Map.of("documentId", t.document())).status()).isEqualTo(403);
        TestApi.Response wrongSpace = api.post(path, t.editor(), Map.of("documentId", t.document(), "spaceId", UUID.randomUUID().toString()));
        assertThat(wrongSpace.status()).as(wrongSpace.toString()).isEqualTo(400);

        // a document that failed to ingest is not served: 409 with its status, in German
        TestApi.Response upload = api.multipart(t.base() + "/spaces/" + t.space() + "/documents", t.editor(), "files",
                Map.of("kaputt.pdf", "%PDF-1.7 das ist kein PDF".getBytes(StandardCharsets.UTF_8)));
        assertThat(upload.status()).as(upload.toString()).isEqualTo(202);
        String broken = upload.json().get("items").get(0).get("id").asString();
        String status = awaitSettled(api, t, broken);
        assertThat(status).isNotEqualTo("indexed");
        TestApi.Response notServed = api.post(path, t.editor(), Map.of("documentId", broken));
        assertThat(notServed.status()).as(notServed.toString()).isEqualTo(409);
        assertThat(notServed.json().get("code").asString()).isEqualTo("document_not_served");
        assertThat(notServed.json().get("detail").asString()).contains("nicht im Wissensraum verfügbar").contains(status);
    }

    private static String awaitSettled(TestApi api, Setup t, String document) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (true) {
            String status = api.get(t.base() + "/documents/" + document, t.editor()).json().path("status").asString();
            if (!"pending".equals(status)) {
                return status;
            }
            assertThat(System.currentTimeMillis()).as("still pending").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static Setup tenantWithDocument(TestApi api) throws InterruptedException {
        TestApi.Tenant tenant = api.createTenant();
        String base = "/api/v1/tenants/" + tenant.slug();
        String editor = api.userToken(tenant.slug(), Role.EDITOR);
        String space = api.post(base + "/spaces", editor, Map.of("name", "Bürgerservice")).json().get("id").asString();
        TestApi.Response upload = api.multipart(base + "/spaces/" + space + "/documents", editor, "files",
                Map.of("gewerbeanmeldung.txt", BESCHEID.getBytes(StandardCharsets.UTF_8)));
        assertThat(upload.status()).as(upload.toString()).isEqualTo(202);
        String document = upload.json().get("items").get(0).get("id").asString();
        Indexing.awaitIndexed(api, base, editor, document);
        return new Setup(tenant.slug(), base, editor, space, document);
    }
}
