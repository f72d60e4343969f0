package de.wattos.chat;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Real municipal law and the Grundgesetz from {@code ../shared/evaldata} (skipped when absent): two municipalities
 * with their own dog-tax bylaws ask the same question and each gets its own answer, with citations to the right
 * section; a question about Article 1 of the Grundgesetz is answered from it.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatEvaldataTest {

    static final String HUNDESTEUER = "qa/ragsource-9f1de2f/regelungsrahmen/Laender_und_Kommunen/bw/Lkr_GP/%s/%s_Satzung_Hundesteuer.md";

    @LocalServerPort
    int port;

    TestApi api;
    Path evaldata;

    record Municipality(String base, String viewer, UUID spaceId, Map<String, UUID> documents) {
    }

    Municipality aichelberg;
    Municipality hohenstadt;

    @BeforeAll
    void setUp() throws Exception {
        String dir = System.getProperty("wattos.evaldata");
        Assumptions.assumeTrue(dir != null && Files.isDirectory(Path.of(dir)), "evaldata not present (wattos.evaldata) — skipped");
        evaldata = Path.of(dir);
        api = new TestApi(port);
        aichelberg = municipality(Map.of("hundesteuer.md", Files.readAllBytes(evaldata.resolve(HUNDESTEUER.formatted("ABG", "ABG"))),
                "GG.pdf", Files.readAllBytes(evaldata.resolve("documents/GG.pdf"))));
        hohenstadt = municipality(Map.of("hundesteuer.md", Files.readAllBytes(evaldata.resolve(HUNDESTEUER.formatted("HNO", "HNO")))));
    }

    Municipality municipality(Map<String, byte[]> files) throws InterruptedException {
        TestApi.Tenant tenant = api.createTenant();
        String base = "/api/v1/tenants/" + tenant.slug();
        String editor = api.userToken(tenant.slug(), Role.EDITOR);
        UUID space = UUID.fromString(api.post(base + "/spaces", editor, Map.of("name", "Ortsrecht")).json().get("id").asString());
        TestApi.Response upload = api.multipart(base + "/spaces/" + space + "/documents", editor, "files", files);
        assertThat(upload.status()).as(upload.toString()).isEqualTo(202);
        Map<String, UUID> documents = new java.util.HashMap<>();
        for (JsonNode item : upload.json().get("items")) {
            documents.put(item.get("filename").asString(), UUID.fromString(item.get("id").asString()));
        }
        long deadline = System.currentTimeMillis() + 180_000;
        for (UUID doc : documents.values()) {
            while (!"indexed".equals(api.get(base + "/documents/" + doc, editor).json().path("status").asString())) {
                assertThat(System.currentTimeMillis()).as("indexing took too long").isLessThan(deadline);
                Thread.sleep(200);
            }
        }
        return new Municipality(base, api.userToken(tenant.slug(), Role.VIEWER), space, documents);
    }

    JsonNode ask(Municipality m, String question) {
        TestApi.Response c = api.post(m.base() + "/conversations", m.viewer(), Map.of("spaceIds", List.of(m.spaceId())));
        TestApi.Response r = api.post(m.base() + "/conversations/" + c.json().get("id").asString() + "/messages", m.viewer(),
                Map.of("content", question));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("message");
    }

    @Test
    void eachMunicipalityAnswersTheDogTaxFromItsOwnBylaw() {
        JsonNode a = ask(aichelberg, "Wie hoch ist die Hundesteuer für den ersten Hund?");
        assertThat(a.get("noAnswer").asBoolean()).as(a.toString()).isFalse();
        assertThat(a.get("content").asString()).contains("150,00");
        JsonNode cited = a.get("citations");
        assertThat(cited.findValuesAsString("documentId")).contains(aichelberg.documents().get("hundesteuer.md").toString());
        assertThat(cited.findValuesAsString("headingPath").stream().anyMatch(h -> h.contains("§ 5"))).as(cited.toString()).isTrue();

        JsonNode h = ask(hohenstadt, "Wie hoch ist die Hundesteuer für den ersten Hund?");
        assertThat(h.get("noAnswer").asBoolean()).as(h.toString()).isFalse();
        assertThat(h.get("citations").findValuesAsString("documentId")).isNotEmpty()
                .allMatch(id -> id.equals(hohenstadt.documents().get("hundesteuer.md").toString()));
        assertThat(h.get("content").asString()).isNotEqualTo(a.get("content").asString());
    }

    @Test
    void articleOneOfTheGrundgesetzIsAnsweredFromIt() throws Exception {
        TestApi.Response c = api.post(aichelberg.base() + "/conversations", aichelberg.viewer(), Map.of());
        SseClient.Stream s = SseClient.post(api, aichelberg.base() + "/conversations/" + c.json().get("id").asString() + "/messages",
                aichelberg.viewer(), "Was regelt Artikel 1 des Grundgesetzes zur Würde des Menschen?", null);
        JsonNode end = s.first("end").data();
        assertThat(end.get("noAnswer").asBoolean()).as(s.deltas()).isFalse();
        assertThat(s.first("citations").data().get("citations").findValuesAsString("documentId"))
                .contains(aichelberg.documents().get("GG.pdf").toString());
    }
}
