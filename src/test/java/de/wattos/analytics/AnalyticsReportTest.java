package de.wattos.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.chat.ConversationStarted;
import de.wattos.chat.FeedbackGiven;
import de.wattos.chat.MessageAnswered;
import de.wattos.platform.Role;
import de.wattos.platform.events.ModuleEvent;
import de.wattos.support.TestApi;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On-demand period reports: a scripted period yields CSV figures that parse back to the known KPIs, and a PDF
 * whose extracted text carries the figures and umlauts, in German by default and English on request.
 */
class AnalyticsReportTest extends AnalyticsTenantTest {

    private static final String DAY = "2026-11-10";
    private static final String BEFORE = "2026-11-09";

    String base;

    @BeforeEach
    void setUp() {
        base = "/api/v1/tenants/" + tenant.slug() + "/analytics/reports?from=" + DAY + "&to=" + DAY;
    }

    /** One conversation the day before; on the day two conversations, three answers, one of them no answer. */
    private void scriptedTraffic() {
        UUID p = traffic.conversation(BEFORE, "08:00:00", "v_anna");
        traffic.answer(p, BEFORE, "08:00:05", "Was kostet der Personalausweis?", false, List.of());
        UUID c1 = traffic.conversation(DAY, "08:00:00", "v_bernd");
        traffic.answer(c1, DAY, "08:00:04", "Wie hoch sind die Gebühren für den Führerschein?", false,
                List.of(new MessageAnswered.CitedSource(UUID.randomUUID(), "Führerscheingebühren", "https://stadt.example/fuehrerschein")));
        traffic.answer(c1, DAY, "08:01:00", "Wie lange dauert der Führerschein-Umtausch?", false, List.of());
        UUID c2 = traffic.conversation(DAY, "10:00:00", "v_clara");
        UUID noAnswer = traffic.answer(c2, DAY, "10:00:03", "Wann hat der Wertstoffhof geöffnet?", true, List.of());
        traffic.feedback(c2, noAnswer, DAY, "10:01:00", "down", false);
    }

    @Test
    void theCsvReportParsesBackToTheKnownKpis() throws Exception {
        scriptedTraffic();
        TestApi.Response r = api.get(base + "&format=csv", viewer);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/csv");
        assertThat(r.header("Content-Disposition")).contains("analytics-" + tenant.slug() + ".csv");
        assertThat(r.body()).startsWith("\uFEFF");

        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setDelimiter(';').get()
                .parse(new StringReader(r.body().substring(1))).getRecords();
        assertThat(rows.getFirst().values()).containsExactly("Bereich", "Schlüssel", "Bezeichnung", "Wert",
                "Vorperiode", "Trend", "Veränderung");
        Map<String, CSVRecord> kpis = new HashMap<>();
        rows.stream().filter(row -> row.get(0).equals("kpi")).forEach(row -> kpis.put(row.get(1), row));
        assertKpi(kpis.get("conversations"), "Unterhaltungen", "2", "1", "up");
        assertKpi(kpis.get("messages"), "Antworten", "3", "1", "up");
        assertKpi(kpis.get("noAnswers"), "Nicht beantwortete Fragen", "1", "0", "up");
        assertKpi(kpis.get("thumbsDown"), "Negative Bewertungen", "1", "0", "up");
        assertThat(kpis.get("solvedRate").get(2)).isEqualTo("Anteil gelöster Anliegen");
        assertThat(rows).anySatisfy(row -> assertThat(row.values()).startsWith("period", "from", "Von", DAY));
        assertThat(rows).anySatisfy(row -> assertThat(row.values()).startsWith("topic", "führerschein"));
        assertThat(rows).anySatisfy(row -> assertThat(row.values())
                .startsWith("unanswered").contains("Wann hat der Wertstoffhof geöffnet?"));
        assertThat(rows).anySatisfy(row -> assertThat(row.values()).containsExactly("cited_page",
                "https://stadt.example/fuehrerschein", "Führerscheingebühren", "1", "", "", ""));

        TestApi.Response en = api.send(api.builder(base + "&format=csv", viewer).header("Accept-Language", "en").GET());
        assertThat(en.body()).startsWith("\uFEFFSection;Key;Label;Value;").contains("kpi;conversations;Conversations;2;1;up");
    }

    @Test
    void thePdfReportCarriesFiguresAndUmlauts() throws Exception {
        scriptedTraffic();
        String de = pdfText(api.builder(base + "&format=pdf", viewer));
        assertThat(de).contains("Analytics-Bericht " + tenant.slug()).contains("Kennzahlen").contains("Häufigste Themen")
                .contains("Wann hat der Wertstoffhof geöffnet?").contains("Führerscheingebühren")
                .contains("Anteil gelöster Anliegen");
        assertThat(de.lines().map(String::strip)).contains("Unterhaltungen 2 1 steigend", "Antworten 3 1 steigend");

        String en = pdfText(api.builder(base + "&format=pdf", viewer).header("Accept-Language", "en"));
        assertThat(en).contains("Key figures").contains("Top unanswered questions");
        assertThat(en.lines().map(String::strip)).contains("Conversations 2 1 rising");
    }

    private String pdfText(java.net.http.HttpRequest.Builder request) throws Exception {
        HttpResponse<byte[]> r = api.http().send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/pdf");
        try (PDDocument pdf = Loader.loadPDF(r.body())) {
            return new PDFTextStripper().getText(pdf);
        }
    }

    @Test
    void badParametersAreProblemsAndOtherTenantsSeeNothing() {
        for (String query : List.of("from=2026-11-10&to=2026-11-01&format=csv", "from=gestern&format=pdf",
                "from=2020-01-01&to=2026-11-01&format=csv", "format=docx", "format=")) {
            TestApi.Response r = api.get("/api/v1/tenants/" + tenant.slug() + "/analytics/reports?" + query, viewer);
            assertThat(r.status()).as(query + " -> " + r).isEqualTo(400);
            assertThat(r.header("Content-Type")).as(query).startsWith("application/problem+json");
        }
        TestApi.Tenant other = api.createTenant();
        String stranger = api.userToken(other.slug(), Role.TENANT_ADMIN);
        assertThat(api.get(base + "&format=csv", stranger).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/tenants/" + other.slug() + "/analytics/reports?format=csv", stranger).status())
                .isEqualTo(200);
    }

    private static void assertKpi(CSVRecord row, String label, String value, String previous, String trend) {
        assertThat(row).isNotNull();
        assertThat(row.get(2)).isEqualTo(label);
        assertThat(row.get(3)).as(label).isEqualTo(value);
        assertThat(row.get(4)).as(label).isEqualTo(previous);
        assertThat(row.get(5)).as(label).isEqualTo(trend);
    }
}
