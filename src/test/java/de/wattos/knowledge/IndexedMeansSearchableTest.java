package de.wattos.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A document whose status reads {@code indexed} can be found at once: the upload workers write the search index
 * inside the transaction that marks the document indexed, so a client that polls the status and then searches (as
 * every integration does) never meets the gap between the two. 30 uploads, each searched the moment it reads
 * {@code indexed}, by a word that only it contains.
 */
@IntegrationTest
class IndexedMeansSearchableTest {

    private static final int DOCUMENTS = 30;

    @LocalServerPort int port;

    @Test
    void everyUploadIsFoundTheMomentItReadsIndexed() throws Exception {
        TestApi api = new TestApi(port);
        TestApi.Tenant tenant = api.createTenant();
        String base = "/api/v1/tenants/" + tenant.slug();
        String editor = api.userToken(tenant.slug(), Role.EDITOR);
        String space = api.post(base + "/spaces", editor, Map.of("name", "Aushänge")).json().get("id").asString();

        Map<String, String> wordOfDocument = new LinkedHashMap<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            String word = uniqueWord(i);
            TestApi.Response upload = api.multipart(base + "/spaces/" + space + "/documents", editor, "files",
                    Map.of("aushang-" + i + ".txt", page(i, word).getBytes(StandardCharsets.UTF_8)));
            assertThat(upload.status()).as(upload.toString()).isEqualTo(202);
            wordOfDocument.put(upload.json().get("items").get(0).get("id").asString(), word);
        }

        // polled one after the other without a pause, so the moment a document turns indexed is seen within a
        // round trip; the pages are long (many chunks), so writing them into the index takes a measurable while
        long deadline = System.currentTimeMillis() + 240_000;
        int checked = 0;
        for (var entry : wordOfDocument.entrySet()) {
            String document = entry.getKey();
            while (true) {
                String status = api.get(base + "/documents/" + document, editor).json().path("status").asString();
                assertThat(status).as("document %s", document).isIn("pending", "indexed");
                if ("indexed".equals(status)) {
                    break;
                }
                assertThat(System.currentTimeMillis()).as("document %s indexed in time", document)
                        .isLessThan(deadline);
                Thread.sleep(1);
            }
            JsonNode hits = api.post(base + "/search", editor,
                    Map.of("query", entry.getValue(), "spaceIds", List.of(space))).json().path("hits");
            assertThat(hits.isEmpty()).as("document %s reads indexed but its word %s finds nothing",
                    document, entry.getValue()).isFalse();
            assertThat(hits.get(0).get("documentId").asString()).isEqualTo(document);
            checked++;
        }
        assertThat(checked).isEqualTo(DOCUMENTS);
    }

    /** A long notice (about 60 chunks) naming its word once, near the end. */
    private static String page(int i, String word) {
        String[] topics = {"Abfall", "Hundesteuer", "Friedhof", "Kita", "Bauantrag", "Meldebescheinigung", "Parken",
                "Wasser", "Grundsteuer", "Sperrmüll", "Wahlen", "Gewerbe", "Feuerwehr", "Bücherei", "Standesamt"};
        StringBuilder text = new StringBuilder("Aushang " + i + "\n\n");
        for (int p = 0; p < 120; p++) {
            String topic = topics[(p + i) % topics.length];
            text.append("Zum Thema ").append(topic).append(" gilt in Abschnitt ").append(p)
                    .append(": Anträge nimmt das Bürgerbüro montags bis freitags entgegen; Unterlagen zu ")
                    .append(topic).append(" bringen Sie bitte vollständig mit, Gebühren richten sich nach der Satzung")
                    .append(" über ").append(topic).append(" in der Fassung von Abschnitt ").append(p * 7 % 13)
                    .append(".\n\n");
        }
        return text.append("Der Aushang zum Stichwort ").append(word).append(" hängt im Rathaus.\n").toString();
    }

    /** A made-up word of letters only (no digits the analyser would split off), different for every i. */
    private static String uniqueWord(int i) {
        String letters = "bdfgklmnprstvwz";
        StringBuilder word = new StringBuilder("Quor");
        int n = i + 1;
        while (n > 0) {
            word.append(letters.charAt(n % letters.length())).append("a");
            n /= letters.length();
        }
        return word.append("lix").toString();
    }
}
