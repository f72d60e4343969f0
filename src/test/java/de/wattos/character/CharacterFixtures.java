package de.wattos.character;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.support.TestApi;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** A small German municipal knowledge base (families, seniors, businesses, newcomers) uploaded and indexed. */
public final class CharacterFixtures {

    public static final Map<String, String> PAGES = Map.of(
            "familien.md", """
                    # Familien und Kinder in Bad Boll
                    Familien mit Kindern finden in Bad Boll drei Kitas und einen Kindergarten. Eltern melden ihr Kind über
                    das Kita-Portal für einen Betreuungsplatz an. Die Kinderbetreuung kostet je nach Einkommen der Eltern.
                    Alleinerziehende erhalten einen Zuschuss zur Kinderbetreuung. Spielplätze und Jugendtreff stehen allen offen.
                    """,
            "senioren.md", """
                    # Seniorinnen und Senioren
                    Der Seniorenrat berät ältere Menschen zu Pflege, Rente und Wohnen im Alter. Die Pflegeberatung ist
                    dienstags im Rathaus. Angehörige von Menschen mit Demenz finden eine Gesprächsgruppe. Der Seniorentreff
                    lädt Rentnerinnen und Rentner jeden Mittwoch ein; betreutes Wohnen bietet das Pflegeheim am Kurpark.
                    """,
            "gewerbe.md", """
                    # Wirtschaft und Gewerbe
                    Unternehmen und Gründer melden ein Gewerbe im Bürgerbüro an. Die Gewerbeanmeldung kostet 30 Euro.
                    Die Wirtschaftsförderung berät Betriebe zu Gewerbeflächen, Förderprogrammen und Ausbildung. Die
                    Gewerbesteuer wird vierteljährlich fällig; Unternehmer erhalten den Bescheid per Post.
                    """,
            "umzug.md", """
                    # Umzug und Anmeldung
                    Wer nach Bad Boll zieht, meldet seinen Wohnsitz innerhalb von zwei Wochen im Einwohnermeldeamt an.
                    Für die Anmeldung brauchen Neubürger den Personalausweis und die Wohnungsgeberbestätigung. Die
                    Meldebescheinigung gibt es sofort. Nach dem Umzug hilft die Neubürgermappe bei der Orientierung.
                    """);

    private CharacterFixtures() {
    }

    /** Uploads the pages into a new space and waits until none is pending; returns the space id. */
    public static String indexedSpace(TestApi api, String base, String editor) throws InterruptedException {
        String space = api.post(base + "/spaces", editor, Map.of("name", "Website")).json().get("id").asString();
        Map<String, byte[]> files = new LinkedHashMap<>();
        PAGES.forEach((name, text) -> files.put(name, text.getBytes(StandardCharsets.UTF_8)));
        TestApi.Response upload = api.multipart(base + "/spaces/" + space + "/documents", editor, "files", files);
        assertThat(upload.status()).as(upload.toString()).isEqualTo(202);
        long deadline = System.currentTimeMillis() + 120_000;
        while (true) {
            JsonNode indexed = api.get(base + "/spaces/" + space + "/documents?status=indexed", editor).json();
            if (indexed.get("total").asLong() == PAGES.size()) {
                return space;
            }
            assertThat(api.get(base + "/spaces/" + space + "/documents?status=failed", editor).json().get("total").asLong())
                    .isZero();
            assertThat(System.currentTimeMillis()).as("documents were not indexed in time").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /** Polls a persona job until it ends and returns it (the test fails on a failed job). */
    public static JsonNode awaitJob(TestApi api, String base, String token, String jobId) throws InterruptedException {
        return CharacterEvaldataTest.awaitJob(api, base, token, jobId);
    }
}
