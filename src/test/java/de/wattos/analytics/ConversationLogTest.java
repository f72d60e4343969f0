package de.wattos.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import java.net.http.HttpRequest;
import java.time.Duration;
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
 * The conversation log of real widget traffic: list, filters, search, transcript with feedback, masking by role,
 * CSV/JSON export (audited), GDPR erasure of a conversation and of one visitor, and the retention purge,
 * including runs that find work half done by an interrupted earlier run.
 */
@IntegrationTest
class ConversationLogTest {

    static final String SITE = "https://www.gemeinde.example";
    static final Pattern MESSAGE_ID = Pattern.compile("event:\\s*end\\s*\\ndata:\\s*\\{\"messageId\":\"([0-9a-f-]{36})\"");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    TestApi api;
    String key;

    @Test
    void tenantAdminsReadSearchExportAndEraseConversations() {
        api = new TestApi(port);
        TestApi.Tenant tenant = api.createTenant();
        String base = "/api/v1/tenants/" + tenant.slug();
        String editor = api.userToken(tenant.slug(), Role.EDITOR);
        String viewer = api.userToken(tenant.slug(), Role.VIEWER);
        String admin = api.userToken(tenant.slug(), Role.TENANT_ADMIN);
        key = activeWidget(base, editor);

        JsonNode sessionA = widget("sessions", null, null).json();
        String visitorA = sessionA.get("token").asString();
        TestApi.Response first = widget("messages", visitorA, "{\"content\":\"Meine Adresse ist max.muster@example.org, wann ist der Wertstoffhof offen?\"}");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        String conversationA = first.header("X-Wattos-Conversation-Id");
        Matcher m = MESSAGE_ID.matcher(first.body().replace("\r", ""));
        assertThat(m.find()).as(first.body()).isTrue();
        // the widget records which visitor owns the answer just after the stream ended: until then it answers 404
        String messageId = m.group(1);
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(widget("feedback", visitorA,
                "{\"messageId\":\"" + messageId + "\",\"rating\":\"down\",\"comment\":\"Ruf mich an: 0841 305 1234\"}").status()).isEqualTo(204));
        String visitorB = widget("sessions", null, null).json().get("token").asString();
        String conversationB = widget("messages", visitorB, "{\"content\":\"Wo beantrage ich einen Reisepass?\"}")
                .header("X-Wattos-Conversation-Id");

        Awaitility.await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            JsonNode all = api.get(base + "/analytics/conversations", viewer).json();
            assertThat(all.get("total").asLong()).as(all.toString()).isEqualTo(2);
            assertThat(api.get(base + "/analytics/conversations?feedback=down", viewer).json().get("total").asLong()).isEqualTo(1);
            // the questions arrive with the answers, a listener delivery later than the conversations themselves
            assertThat(ids(api.get(base + "/analytics/conversations?text=reisepass", viewer))).containsExactly(conversationB);
        });
        JsonNode down = api.get(base + "/analytics/conversations?feedback=down", viewer).json().get("items").get(0);
        assertThat(down.get("conversationId").asString()).isEqualTo(conversationA);
        assertThat(down.get("thumbsDown").asInt()).isEqualTo(1);
        // a viewer sees personal data masked, a tenant admin sees it
        assertThat(down.get("firstQuestion").asString()).contains("[E-Mail]").doesNotContain("max.muster");
        assertThat(api.get(base + "/analytics/conversations?feedback=down", admin).json().get("items").get(0)
                .get("firstQuestion").asString()).contains("max.muster@example.org");
        assertThat(ids(api.get(base + "/analytics/conversations?text=reisepass", viewer))).containsExactly(conversationB);
        assertThat(ids(api.get(base + "/analytics/conversations?feedback=none", viewer))).containsExactly(conversationB);
        assertThat(api.get(base + "/analytics/conversations?text=100%25", viewer).json().get("total").asLong()).isZero();
        assertThat(api.get(base + "/analytics/conversations?noAnswer=true", viewer).json().get("total").asLong()
                + api.get(base + "/analytics/conversations?noAnswer=false", viewer).json().get("total").asLong()).isEqualTo(2);

        JsonNode transcript = api.get(base + "/analytics/conversations/" + conversationA, viewer).json();
        assertThat(transcript.get("messages")).as(transcript.toString()).hasSize(2);
        assertThat(transcript.get("messages").get(0).get("role").asString()).as(transcript.toString()).isEqualTo("user");
        assertThat(transcript.get("messages").get(0).get("content").asString()).contains("[E-Mail]");
        JsonNode answer = transcript.get("messages").get(1);
        assertThat(answer.get("role").asString()).isEqualTo("assistant");
        assertThat(answer.get("feedback").get(0).get("rating").asString()).isEqualTo("down");
        assertThat(answer.get("feedback").get(0).get("comment").asString()).contains("[Telefon]").doesNotContain("305 1234");
        assertThat(api.get(base + "/analytics/conversations/" + conversationA, admin).json().get("messages").get(1)
                .get("feedback").get(0).get("comment").asString()).contains("0841 305 1234");

        // bad input
        assertThat(api.get(base + "/analytics/conversations?feedback=sideways", viewer).code()).isEqualTo("validation_failed");
        assertThat(api.get(base + "/analytics/conversations?from=2026-05-02&to=2026-05-01", viewer).status()).isEqualTo(400);
        assertThat(api.get(base + "/analytics/conversations?from=gestern", viewer).status()).isEqualTo(400);
        assertThat(api.get(base + "/analytics/conversations/export?format=xml", admin).status()).isEqualTo(400);
        assertThat(api.get(base + "/analytics/conversations?size=500", viewer).status()).isEqualTo(400);

        // export: tenant admins only, CSV with German headers (English on request), JSON, audited
        assertThat(api.get(base + "/analytics/conversations/export", viewer).status()).isIn(403, 404);
        TestApi.Response csv = api.get(base + "/analytics/conversations/export?format=csv", admin);
        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.body()).startsWith("\uFEFFUnterhaltung,Begonnen,").contains("max.muster@example.org")
                .contains("Wo beantrage ich einen Reisepass?").contains(conversationA);
        assertThat(csv.body().split("\r\n")).hasSize(1 + 4);
        TestApi.Response csvEn = api.send(api.builder(base + "/analytics/conversations/export?format=csv&feedback=none", admin)
                .header("Accept-Language", "en").GET());
        assertThat(csvEn.body()).startsWith("\uFEFFConversation,Started,").doesNotContain(conversationA);
        TestApi.Response json = api.get(base + "/analytics/conversations/export?format=json", admin);
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.json()).hasSize(2);
        assertThat(json.json().get(0).get("messages").get(0).get("content").asString()).isNotBlank();
        JsonNode audit = api.get(base + "/audit?action=analytics.conversations.exported", admin).json();
        assertThat(audit.toString()).contains("analytics.conversations.exported").contains("json").contains("csv");

        // another tenant sees none of it
        TestApi.Tenant other = api.createTenant();
        String otherAdmin = api.userToken(other.slug(), Role.TENANT_ADMIN);
        assertThat(api.get("/api/v1/tenants/" + other.slug() + "/analytics/conversations/" + conversationA, otherAdmin).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/tenants/" + other.slug() + "/analytics/conversations/" + conversationA, otherAdmin).status()).isEqualTo(404);
        assertThat(api.get(base + "/analytics/conversations/export", otherAdmin).status()).isEqualTo(404);

        // GDPR: one visitor's data, by the visitor id the widget gave them
        assertThat(api.post(base + "/analytics/visitors/erase", admin, Map.of("visitorId", "")).status()).isEqualTo(400);
        TestApi.Response erased = api.post(base + "/analytics/visitors/erase", admin,
                Map.of("visitorId", sessionA.get("visitorId").asString()));
        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
        assertThat(erased.json().get("conversations").asInt()).isEqualTo(1);
        assertThat(api.get(base + "/conversations/" + conversationA, admin).status()).isEqualTo(404);
        assertThat(api.get(base + "/analytics/conversations/" + conversationA, admin).status()).isEqualTo(404);
        assertThat(count("select count(*) from analytics_events where conversation_id = cast(:c as uuid)", conversationA)).isZero();
        assertThat(count("select count(*) from analytics_unanswered where conversation_id = cast(:c as uuid)", conversationA)).isZero();
        assertThat(count("select count(*) from chat_events where conversation_id = cast(:c as uuid)", conversationA)).isZero();
        assertThat(api.get(base + "/audit?action=analytics.visitor.erased", admin).body())
                .contains("analytics.visitor.erased").doesNotContain(sessionA.get("visitorId").asString());

        // one conversation
        assertThat(api.delete(base + "/analytics/conversations/" + conversationB, editor).status()).isIn(403, 404);
        assertThat(api.delete(base + "/analytics/conversations/" + conversationB, admin).status()).isEqualTo(204);
        assertThat(api.delete(base + "/analytics/conversations/" + conversationB, admin).status()).isEqualTo(404);
        assertThat(api.get(base + "/analytics/conversations", viewer).json().get("total").asLong()).isZero();
    }

    @Test
    void retentionPurgesOldConversationsAndFinishesInterruptedRuns() {
        api = new TestApi(port);
        TestApi.Tenant tenant = api.createTenant();
        String base = "/api/v1/tenants/" + tenant.slug();
        String admin = api.userToken(tenant.slug(), Role.TENANT_ADMIN);
        String viewer = api.userToken(tenant.slug(), Role.VIEWER);
        String old = conversation(base, admin, "Wann ist Sperrmüll?");
        String halfErasedInAnalytics = conversation(base, admin, "Wie melde ich einen Hund an?");
        String halfErasedInChat = conversation(base, admin, "Wo ist das Bürgerbüro?");
        String recent = conversation(base, admin, "Was kostet ein Anwohnerparkausweis?");
        Awaitility.await().atMost(Duration.ofSeconds(120)).until(() ->
                api.get(base + "/analytics/conversations", admin).json().get("total").asLong() == 4);

        assertThat(api.get(base + "/analytics/retention", viewer).json().get("days").isNull()).isTrue();
        assertThat(api.put(base + "/analytics/retention", viewer, Map.of("days", 30)).status()).isIn(403, 404);
        assertThat(api.put(base + "/analytics/retention", admin, Map.of("days", 0)).code()).isEqualTo("validation_failed");
        assertThat(api.put(base + "/analytics/retention", admin, Map.of("days", "dreißig")).status()).isEqualTo(400);
        assertThat(api.post(base + "/analytics/retention/purge", admin, null).json().get("conversations").asInt()).isZero();
        assertThat(api.put(base + "/analytics/retention", admin, Map.of("days", 30)).json().get("days").asInt()).isEqualTo(30);
        assertThat(api.get(base + "/analytics/retention", viewer).json().get("days").asInt()).isEqualTo(30);

        for (String c : List.of(old, halfErasedInAnalytics, halfErasedInChat)) {
            age(c);
        }
        // an earlier run that stopped halfway: analytics' part gone for one, chat's part gone for another
        jdbc.sql("delete from analytics_conversations where conversation_id = cast(:c as uuid)").param("c", halfErasedInAnalytics).update();
        jdbc.sql("delete from chat_conversations where id = cast(:c as uuid)").param("c", halfErasedInChat).update();

        TestApi.Response purged = api.post(base + "/analytics/retention/purge", admin, null);
        assertThat(purged.status()).as(purged.toString()).isEqualTo(200);
        assertThat(purged.json().get("conversations").asInt()).isEqualTo(3);
        for (String c : List.of(old, halfErasedInAnalytics, halfErasedInChat)) {
            assertThat(count("select count(*) from chat_conversations where id = cast(:c as uuid)", c)).as(c).isZero();
            assertThat(count("select count(*) from analytics_conversations where conversation_id = cast(:c as uuid)", c)).as(c).isZero();
            assertThat(count("select count(*) from analytics_events where conversation_id = cast(:c as uuid)", c)).as(c).isZero();
        }
        assertThat(ids(api.get(base + "/analytics/conversations", admin))).containsExactly(recent);
        assertThat(api.post(base + "/analytics/retention/purge", admin, null).json().get("conversations").asInt()).isZero();
        assertThat(api.get(base + "/audit?action=analytics.conversations.purged", admin).body()).contains("\"conversations\":3");
        // the purge also runs on its own, cluster-safe, from db-scheduler
        assertThat(jdbc.sql("select count(*) from scheduled_tasks where task_name = 'analytics-retention'")
                .query(Long.class).single()).isEqualTo(1);
    }

    private String conversation(String base, String token, String question) {
        String id = api.post(base + "/conversations", token, Map.of()).json().get("id").asString();
        TestApi.Response r = api.post(base + "/conversations/" + id + "/messages", token, Map.of("content", question));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return id;
    }

    private void age(String conversation) {
        jdbc.sql("update chat_conversations set updated_at = now() - interval '40 days', created_at = now() - interval '40 days' where id = cast(:c as uuid)")
                .param("c", conversation).update();
        jdbc.sql("update analytics_conversations set started_at = now() - interval '40 days' where conversation_id = cast(:c as uuid)")
                .param("c", conversation).update();
    }

    private long count(String sql, String conversation) {
        return jdbc.sql(sql).param("c", conversation).query(Long.class).single();
    }

    private static List<String> ids(TestApi.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("items").valueStream().map(i -> i.get("conversationId").asString()).toList();
    }

    /** A knowledge space and an active widget on {@link #SITE}; answers the widget's public key. */
    private String activeWidget(String base, String editor) {
        String spaceId = api.post(base + "/spaces", editor, Map.of("name", "Bürgerservice")).json().get("id").asString();
        TestApi.Response w = api.post(base + "/widgets", editor, Map.of("name", "Bürgerservice", "spaceIds", List.of(spaceId),
                "allowedOrigins", List.of(SITE), "status", "active", "limits", Map.of("messagesPerVisitorPerHour", 100,
                        "messagesPerIpPerHour", 100, "dailyTokenBudget", 1_000_000)));
        assertThat(w.status()).as(w.toString()).isEqualTo(201);
        return w.json().get("publicKey").asString();
    }

    @Test
    void aPersonsConversationsAreFoundByOneOfThemAndErasedTogether() {
        api = new TestApi(port);
        TestApi.Tenant tenant = api.createTenant();
        String base = "/api/v1/tenants/" + tenant.slug();
        String editor = api.userToken(tenant.slug(), Role.EDITOR);
        String admin = api.userToken(tenant.slug(), Role.TENANT_ADMIN);
        key = activeWidget(base, editor);
        String person = widget("sessions", null, null).json().get("token").asString();
        String first = widget("messages", person, "{\"content\":\"Wann ist der Wertstoffhof offen?\"}").header("X-Wattos-Conversation-Id");
        String second = widget("messages", person, "{\"content\":\"Wo melde ich meinen Hund an?\"}").header("X-Wattos-Conversation-Id");
        String someoneElse = widget("sessions", null, null).json().get("token").asString();
        String third = widget("messages", someoneElse, "{\"content\":\"Wo beantrage ich einen Reisepass?\"}")
                .header("X-Wattos-Conversation-Id");
        assertThat(List.of(first, second, third)).doesNotHaveDuplicates().doesNotContainNull();
        Awaitility.await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                assertThat(api.get(base + "/analytics/conversations", admin).json().get("total").asLong()).isEqualTo(3));

        String path = base + "/analytics/conversations/" + first + "/visitor";
        TestApi.Response found = api.get(path, admin);
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        assertThat(found.json().get("conversations").asInt()).isEqualTo(2);
        assertThat(api.get(path, editor).status()).as("tenant admins only").isIn(403, 404);
        assertThat(api.post(path + "/erase", editor, Map.of()).status()).isIn(403, 404);
        TestApi.Tenant other = api.createTenant();
        String otherAdmin = api.userToken(other.slug(), Role.TENANT_ADMIN);
        assertThat(api.get("/api/v1/tenants/" + other.slug() + "/analytics/conversations/" + first + "/visitor", otherAdmin).status())
                .isEqualTo(404);
        assertThat(api.post("/api/v1/tenants/" + other.slug() + "/analytics/conversations/" + first + "/visitor/erase", otherAdmin,
                Map.of()).status()).isEqualTo(404);
        TestApi.Response unknown = api.get(base + "/analytics/conversations/" + java.util.UUID.randomUUID() + "/visitor", admin);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("detail").asString()).contains("Besucher");

        TestApi.Response erased = api.post(path + "/erase", admin, Map.of());
        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
        assertThat(erased.json().get("conversations").asInt()).isEqualTo(2);
        assertThat(ids(api.get(base + "/analytics/conversations", admin))).containsExactly(third);
        assertThat(api.get(base + "/analytics/conversations/" + second, admin).status()).isEqualTo(404);
        assertThat(api.get(path, admin).status()).as("nothing left to find the person by").isEqualTo(404);
        assertThat(api.get(base + "/audit?action=analytics.visitor.erased", admin).body()).contains("\"foundBy\":\"" + first + "\"");
        // the widget's record of which visitor owns the conversations goes too; the other visitor's stays
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(count("select count(*) from widget_conversations where conversation_id = cast(:c as uuid)", first)).isZero();
            assertThat(count("select count(*) from widget_messages where conversation_id = cast(:c as uuid)", second)).isZero();
        });
        assertThat(count("select count(*) from widget_conversations where conversation_id = cast(:c as uuid)", third)).isOne();
    }

    private TestApi.Response widget(String what, String token, String json) {
        HttpRequest.Builder b = api.builder("/api/v1/public/widgets/" + key + "/" + what, token).header("Origin", SITE)
                .header("Accept", "text/event-stream, application/problem+json");
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return api.send(b.POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }
}
