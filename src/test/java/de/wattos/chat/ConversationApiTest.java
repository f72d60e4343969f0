package de.wattos.chat;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import java.net.URI;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Conversations, validation, isolation, feedback and events through the REST API, on a tenant without documents. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConversationApiTest {

    static final String CONTACT = "info@musterdorf.de";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    TestApi api;
    TestApi.Tenant tenant;
    String viewer;
    String editor;
    String base;

    @BeforeAll
    void setUp() {
        api = new TestApi(port);
        tenant = api.createTenant();
        TestApi.Response settings = api.put("/api/v1/tenants/" + tenant.slug(), api.adminToken(), Map.of("slug", tenant.slug(),
                "name", "Gemeinde Musterdorf", "settings", Map.of("contact", Map.of("name", "das Rathaus Musterdorf",
                        "email", "info@musterdorf.de"))));
        assertThat(settings.status()).as(settings.toString()).isEqualTo(200);
        viewer = api.userToken(tenant.slug(), Role.VIEWER);
        editor = api.userToken(tenant.slug(), Role.EDITOR);
        base = "/api/v1/tenants/" + tenant.slug();
    }

    UUID conversation() {
        TestApi.Response r = api.post(base + "/conversations", viewer, Map.of("channel", "console", "locale", "de-DE"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return UUID.fromString(r.json().get("id").asString());
    }

    TestApi.Response ask(UUID conversation, String content) {
        return api.post(base + "/conversations/" + conversation + "/messages", viewer, Map.of("content", content));
    }

    @Test
    void withoutKnowledgeTheAssistantSaysSoAndPointsToTheContact() throws Exception {
        UUID conversation = conversation();
        TestApi.Response r = ask(conversation, "Wann hat das Bürgerbüro geöffnet?");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode m = r.json().get("message");
        assertThat(m.get("noAnswer").asBoolean()).isTrue();
        assertThat(m.get("citations").size()).isZero();
        assertThat(m.get("content").asString()).contains("keine verlässliche Antwort").contains(CONTACT);
        assertThat(m.get("finishReason").asString()).isEqualTo("stop");

        SseClient.Stream s = SseClient.post(api, base + "/conversations/" + conversation + "/messages", viewer,
                "Und am Samstag?", null);
        assertThat(s.status()).isEqualTo(200);
        assertThat(s.events().stream().map(SseClient.Event::name).distinct().toList())
                .containsExactly("start", "delta", "citations", "end");
        assertThat(s.first("start").data().get("model").isNull()).isTrue();
        assertThat(s.deltas()).contains(CONTACT);
        assertThat(s.first("end").data().get("noAnswer").asBoolean()).isTrue();
        assertThat(s.first("end").text("messageId")).isEqualTo(s.first("start").text("messageId"));

        JsonNode detail = api.get(base + "/conversations/" + conversation, viewer).json();
        assertThat(detail.get("title").asString()).isEqualTo("Wann hat das Bürgerbüro geöffnet?");
        assertThat(detail.get("messageCount").asInt()).isEqualTo(4);
        assertThat(detail.get("messages").get(3).get("content").asString()).isEqualTo(s.deltas());
        // the follow-up was condensed with the history (heuristically: no model is configured)
        assertThat(detail.get("messages").get(3).get("searchQuery").asString()).contains("Und am Samstag?").containsIgnoringCase("bürgerbüro");
    }

    @Test
    void badInputIsRejectedWithProblemJson() {
        UUID conversation = conversation();
        TestApi.Response tooLong = ask(conversation, "a".repeat(4001));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.header("Content-Type")).startsWith("application/problem+json");
        assertThat(tooLong.code()).isEqualTo("validation_failed");
        assertThat(tooLong.json().get("errors").get(0).get("field").asString()).isEqualTo("content");
        assertThat(ask(conversation, "   ").status()).isEqualTo(400);
        assertThat(ask(conversation, "a".repeat(4000)).status()).isEqualTo(200);
        assertThat(api.post(base + "/conversations/" + conversation + "/messages", viewer, Map.of()).status()).isEqualTo(400);
        assertThat(api.post(base + "/conversations/" + conversation + "/messages", viewer,
                Map.of("content", "x", "unknown", 1)).status()).isEqualTo(400);
        assertThat(api.post(base + "/conversations/" + conversation + "/messages", viewer, "{\"content\": ").status())
                .isEqualTo(400);
        TestApi.Response space = api.post(base + "/conversations", viewer, Map.of("spaceIds", List.of(UUID.randomUUID())));
        assertThat(space.status()).isEqualTo(400);
        assertThat(space.json().get("errors").get(0).get("field").asString()).isEqualTo("spaceIds");
        assertThat(api.post(base + "/conversations", viewer, Map.of("channel", "Not Valid!")).status()).isEqualTo(400);
        assertThat(api.post(base + "/conversations", viewer, Map.of("locale", "xx_!")).status()).isEqualTo(400);
        assertThat(api.post(base + "/conversations", viewer, Map.of("title", "t".repeat(201))).status()).isEqualTo(400);
        assertThat(api.get(base + "/conversations?size=0", viewer).status()).isEqualTo(400);
        assertThat(api.get(base + "/conversations/not-a-uuid", viewer).status()).isEqualTo(400);
        // streaming: validation errors are answered before the stream starts
        TestApi.Response streamed = api.post(base + "/conversations/" + conversation + "/messages", viewer,
                Map.of("content", "b".repeat(4001), "stream", true));
        assertThat(streamed.status()).isEqualTo(400);
        assertThat(streamed.code()).isEqualTo("validation_failed");
    }

    @Test
    void aForeignOrUnknownConversationIsNotFound() {
        UUID conversation = conversation();
        String messageId = ask(conversation, "Hallo?").json().get("message").get("id").asString();
        TestApi.Tenant other = api.createTenant();
        String otherViewer = api.userToken(other.slug(), Role.VIEWER);
        String otherBase = "/api/v1/tenants/" + other.slug();
        TestApi.Response r = api.post(otherBase + "/conversations/" + conversation + "/messages", otherViewer,
                Map.of("content", "Was kostet ein Personalausweis?"));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.code()).isEqualTo("not_found");
        assertThat(api.post(otherBase + "/conversations/" + conversation + "/messages", otherViewer,
                Map.of("content", "Hallo", "stream", true)).status()).isEqualTo(404);
        assertThat(api.get(otherBase + "/conversations/" + conversation, otherViewer).status()).isEqualTo(404);
        assertThat(api.delete(otherBase + "/conversations/" + conversation, api.userToken(other.slug(), Role.EDITOR)).status())
                .isEqualTo(404);
        assertThat(api.post(otherBase + "/messages/" + messageId + "/feedback", otherViewer, Map.of("rating", "up")).status())
                .isEqualTo(404);
        assertThat(api.post(otherBase + "/messages/" + messageId + "/stop", otherViewer, Map.of()).status()).isEqualTo(404);
        assertThat(api.get(otherBase + "/conversations", otherViewer).json().get("total").asLong()).isZero();
        // through the owning tenant's path the other tenant's user does not even see the tenant
        assertThat(api.get(base + "/conversations/" + conversation, otherViewer).status()).isEqualTo(404);
        assertThat(api.get(base + "/conversations/" + UUID.randomUUID(), viewer).status()).isEqualTo(404);
    }

    @Test
    void conversationsAreListedAndOnlyEditorsDeleteThem() {
        TestApi.Tenant t = api.createTenant();
        String v = api.userToken(t.slug(), Role.VIEWER);
        String e = api.userToken(t.slug(), Role.EDITOR);
        String b = "/api/v1/tenants/" + t.slug();
        TestApi.Response created = api.post(b + "/conversations", v, Map.of("title", "Mein Test", "channel", "widget", "locale", "en"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).contains("conversations/");
        String id = created.json().get("id").asString();
        assertThat(api.post(b + "/conversations", v, Map.of()).status()).isEqualTo(201);
        JsonNode page = api.get(b + "/conversations?page=0&size=1", v).json();
        assertThat(page.get("total").asLong()).isEqualTo(2);
        assertThat(page.get("items").size()).isEqualTo(1);
        JsonNode widget = api.get(b + "/conversations?channel=widget", v).json();
        assertThat(widget.get("total").asLong()).isEqualTo(1);
        assertThat(widget.get("items").get(0).get("title").asString()).isEqualTo("Mein Test");
        JsonNode detail = api.get(b + "/conversations/" + id, v).json();
        assertThat(detail.get("locale").asString()).isEqualTo("en");
        assertThat(detail.get("channel").asString()).isEqualTo("widget");
        assertThat(detail.get("messages").size()).isZero();

        assertThat(api.delete(b + "/conversations/" + id, v).status()).isEqualTo(403);
        assertThat(api.delete(b + "/conversations/" + id, e).status()).isEqualTo(204);
        assertThat(api.get(b + "/conversations/" + id, v).status()).isEqualTo(404);
        assertThat(api.delete(b + "/conversations/" + id, e).status()).isEqualTo(404);
        assertThat(api.post(b + "/conversations", null, Map.of()).status()).isEqualTo(401);
    }

    @Test
    void feedbackIsStoredAndEventsAreRecorded() {
        UUID conversation = conversation();
        JsonNode m = ask(conversation, "Wann wird Sperrmüll abgeholt?").json().get("message");
        String id = m.get("id").asString();
        assertThat(api.post(base + "/messages/" + id + "/feedback", viewer,
                Map.of("rating", "down", "comment", "Hat nicht geholfen", "solved", false)).status()).isEqualTo(204);
        assertThat(api.post(base + "/messages/" + id + "/feedback", viewer, Map.of("rating", "meh")).status()).isEqualTo(400);
        assertThat(api.post(base + "/messages/" + UUID.randomUUID() + "/feedback", viewer, Map.of("rating", "down")).status())
                .isEqualTo(404);
        String questionId = api.get(base + "/conversations/" + conversation, viewer).json().get("messages").get(0).get("id").asString();
        TestApi.Response onQuestion = api.post(base + "/messages/" + questionId + "/feedback", viewer, Map.of("rating", "down"));
        assertThat(onQuestion.status()).isEqualTo(400);
        assertThat(onQuestion.code()).isEqualTo("not_an_answer");

        List<String> types = jdbc.sql("select type from chat_events where tenant_id = :t and conversation_id = :c order by occurred_at")
                .param("t", tenant.id()).param("c", conversation).query(String.class).list();
        assertThat(types).containsExactly("ConversationStarted", "MessageAnswered", "FeedbackGiven");
        JsonNode answered = TestApi.JSON.readTree(jdbc.sql(
                        "select payload::text from chat_events where type = 'MessageAnswered' and message_id = :m")
                .param("m", UUID.fromString(id)).query(String.class).single());
        assertThat(answered.get("noAnswer").asBoolean()).isTrue();
        assertThat(answered.get("citationCount").asInt()).isZero();
        assertThat(answered.get("channel").asString()).isEqualTo("console");
        assertThat(answered.get("latencyMs").asLong()).isGreaterThanOrEqualTo(answered.get("timeToFirstTokenMs").asLong());
        JsonNode feedback = TestApi.JSON.readTree(jdbc.sql(
                        "select payload::text from chat_events where type = 'FeedbackGiven' and message_id = :m")
                .param("m", UUID.fromString(id)).query(String.class).single());
        assertThat(feedback.get("rating").asString()).isEqualTo("down");
        assertThat(feedback.get("withComment").asBoolean()).isTrue();
        assertThat(jdbc.sql("select count(*) from chat_feedback where message_id = :m").param("m", UUID.fromString(id))
                .query(Long.class).single()).isEqualTo(1);
    }

    private int handshakeStatus(String url, String token) throws InterruptedException {
        WebSocket.Builder b = api.http().newWebSocketBuilder();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            b.buildAsync(URI.create(url), new WsCollector()).get(10, TimeUnit.SECONDS).abort();
            return 101;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            throw new AssertionError(e);
        } catch (TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theWebSocketSpeaksTheSameEvents() throws Exception {
        UUID conversation = conversation();
        String url = "ws://localhost:" + port + base + "/conversations/" + conversation + "/ws";
        WsCollector c = new WsCollector();
        WebSocket ws = api.http().newWebSocketBuilder().header("Authorization", "Bearer " + viewer)
                .buildAsync(URI.create(url), c).get(10, TimeUnit.SECONDS);
        ws.sendText("{\"type\":\"message\",\"content\":\"Wo finde ich das Fundbüro?\"}", true);
        List<JsonNode> events = c.until("end");
        assertThat(events.stream().map(e -> e.get("event").asString()).distinct().toList())
                .containsExactly("start", "delta", "citations", "end");
        assertThat(events.getLast().get("data").get("noAnswer").asBoolean()).isTrue();
        ws.sendText("{\"type\":\"message\",\"content\":\"" + "x".repeat(4001) + "\"}", true);
        assertThat(c.until("error").getLast().get("data").get("code").asString()).isEqualTo("validation_failed");
        ws.sendText("not json", true);
        assertThat(c.until("error").getLast().get("data").get("code").asString()).isEqualTo("malformed_message");
        ws.sendText("{\"type\":\"dance\"}", true);
        assertThat(c.until("error").getLast().get("data").get("code").asString()).isEqualTo("unknown_type");
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);

        // browsers: ?access_token=
        WsCollector c2 = new WsCollector();
        WebSocket ws2 = api.http().newWebSocketBuilder().buildAsync(URI.create(url + "?access_token=" + viewer), c2)
                .get(10, TimeUnit.SECONDS);
        ws2.sendText("{\"content\":\"Und wann hat es offen?\"}", true);
        assertThat(c2.until("end").getLast().get("event").asString()).isEqualTo("end");
        ws2.abort();
        assertThat(api.get(base + "/conversations/" + conversation, viewer).json().get("messageCount").asInt()).isEqualTo(4);

        // refused handshakes: no token, unknown conversation, another tenant's conversation
        assertThat(handshakeStatus(url, null)).isEqualTo(401);
        assertThat(handshakeStatus(url.replace(conversation.toString(), UUID.randomUUID().toString()), viewer)).isEqualTo(404);
        TestApi.Tenant other = api.createTenant();
        String otherViewer = api.userToken(other.slug(), Role.VIEWER);
        assertThat(handshakeStatus(url.replace(tenant.slug(), other.slug()), otherViewer)).isEqualTo(404);
        assertThat(handshakeStatus(url, otherViewer)).isEqualTo(404);
    }
}
