package de.wattos.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Real traffic end to end: a citizen asks twice through the widget and rates an answer down; the chat module's events reach analytics with widget, pseudonymous visitor,
 * question and citations, and the KPIs count them.
 */
@IntegrationTest
class AnalyticsFromWidgetTrafficTest {

    static final String SITE = "https://www.gemeinde.example";
    static final Pattern MESSAGE_ID = Pattern.compile("event:\\s*end\\s*\\ndata:\\s*\\{\"messageId\":\"([0-9a-f-]{36})\"");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void widgetConversationsFeedbackAndNoAnswersReachTheKpis() throws Exception {
        TestApi api = new TestApi(port);
        TestApi.Tenant tenant = api.createTenant();
        String editor = api.userToken(tenant.slug(), Role.EDITOR);
        String base = "/api/v1/tenants/" + tenant.slug();
        TestApi.Response space = api.post(base + "/spaces", editor, Map.of("name", "Bürgerservice"));
        String spaceId = space.json().get("id").asString();
        TestApi.Response upload = api.multipart(base + "/spaces/" + spaceId + "/documents", editor, "files",
                Map.of("personalausweis.txt", """
                        Personalausweis beantragen

                        Den Personalausweis beantragen Sie persönlich im Bürgerbüro. Die Gebühr für einen Personalausweis beträgt 37 Euro für Personen ab 24 Jahren.
                        """.getBytes(StandardCharsets.UTF_8), "hundesteuer.txt", """
                        Hundesteuer

                        Wer in der Stadt einen Hund hält, muss ihn innerhalb von zwei Wochen beim Steueramt anmelden. Die Hundesteuer beträgt 100 Euro im Jahr für den ersten Hund.
                        """.getBytes(StandardCharsets.UTF_8)));
        assertThat(upload.status()).as(upload.toString()).isEqualTo(202);
        for (JsonNode item : upload.json().get("items")) {
            String doc = item.get("id").asString();
            Awaitility.await().atMost(java.time.Duration.ofSeconds(120)).until(() ->
                    "indexed".equals(api.get(base + "/documents/" + doc, editor).json().path("status").asString()));
        }

        TestApi.Response w = api.post(base + "/widgets", editor, Map.of("name", "Bürgerservice", "spaceIds", List.of(spaceId),
                "allowedOrigins", List.of(SITE), "status", "active", "limits", Map.of("messagesPerVisitorPerHour", 100,
                        "messagesPerIpPerHour", 100, "dailyTokenBudget", 1_000_000)));
        assertThat(w.status()).as(w.toString()).isEqualTo(201);
        String key = w.json().get("publicKey").asString();
        String widgetId = w.json().get("id").asString();
        String visitor = post(api, key, "sessions", null, null).json().get("token").asString();

        TestApi.Response answered = post(api, key, "messages", visitor, "{\"content\":\"Wie hoch ist die Gebühr für einen Personalausweis?\"}");
        assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
        String conversation = answered.header("X-Wattos-Conversation-Id");
        Matcher m = MESSAGE_ID.matcher(answered.body().replace("\r", ""));
        assertThat(m.find()).as(answered.body()).isTrue();
        // the widget records which visitor owns the answer just after the stream ended: until then it answers 404
        String messageId = m.group(1);
        Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> {
            TestApi.Response rated = post(api, key, "feedback", visitor, "{\"messageId\":\"" + messageId + "\",\"rating\":\"down\"}");
            assertThat(rated.status()).as(rated.toString()).isEqualTo(204);
        });
        // the visitor opens a source of that answer: reported for click-through; nobody else may report on it
        String click = "{\"messageId\":\"" + messageId + "\",\"url\":\"" + SITE + "/personalausweis\"}";
        assertThat(post(api, key, "citation-clicks", visitor, click).status()).isEqualTo(204);
        String stranger = post(api, key, "sessions", null, null).json().get("token").asString();
        assertThat(post(api, key, "citation-clicks", stranger, click).status()).isEqualTo(404);
        assertThat(post(api, key, "citation-clicks", visitor, "{\"messageId\":\"" + messageId + "\",\"url\":\"javascript:alert(1)\"}")
                .status()).isEqualTo(400);
        TestApi.Response unanswered = post(api, key, "messages", visitor,
                "{\"conversationId\":\"" + conversation + "\",\"content\":\"Wann fährt der Bus zum Mond?\"}");
        assertThat(unanswered.status()).isEqualTo(200);

        String viewer = api.userToken(tenant.slug(), Role.VIEWER);
        // deliveries are asynchronous; one that arrives before the event it builds on is retried (every 30 s)
        Awaitility.await().atMost(java.time.Duration.ofSeconds(120)).untilAsserted(() -> {
            JsonNode k = api.get(base + "/analytics?widgetId=" + widgetId + "&granularity=hour&from="
                    + java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1), viewer).json().get("kpis");
            assertThat(k.get("conversations").get("value").asLong()).as(k.toString()).isEqualTo(1);
            assertThat(k.get("messages").get("value").asLong()).as(k.toString()).isEqualTo(2);
            assertThat(k.get("noAnswers").get("value").asLong() + k.get("answerRate").get("value").asDouble() * 2)
                    .as(k.toString()).isEqualTo(2.0);
            assertThat(k.get("thumbsDown").get("value").asLong()).as(k.toString()).isEqualTo(1);
            assertThat(k.get("uniqueVisitors").get("value").asLong()).as(k.toString()).isEqualTo(1);
            assertThat(k.get("citationClicks").get("value").asLong()).as(k.toString()).isEqualTo(1);
        });
        JsonNode pages = api.get(base + "/analytics", viewer).json().get("topCitedPages");
        assertThat(pages.toString()).contains(SITE + "/personalausweis").contains("\"clicks\":1");
        // the visitor id is kept only as a pseudonym; the questions are kept for mining
        String stored = jdbc.sql("select visitor from analytics_conversations where conversation_id = cast(:c as uuid)")
                .param("c", conversation).query(String.class).single();
        assertThat(stored).hasSize(32).doesNotStartWith("v_");
        assertThat(jdbc.sql("select question from analytics_unanswered where conversation_id = cast(:c as uuid)")
                .param("c", conversation).query(String.class).list()).contains("Wann fährt der Bus zum Mond?");
        // the rated answer is mined as well, whether it was a no-answer or rated down
        assertThat(jdbc.sql("select count(*) from analytics_unanswered where message_id = cast(:m as uuid) and thumbs_down")
                .param("m", m.group(1)).query(Long.class).single()).isEqualTo(1);
    }

    private static TestApi.Response post(TestApi api, String key, String what, String token, String json) {
        HttpRequest.Builder b = api.builder("/api/v1/public/widgets/" + key + "/" + what, token).header("Origin", SITE)
                .header("Accept", "text/event-stream, application/problem+json");
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return api.send(b.POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }
}
