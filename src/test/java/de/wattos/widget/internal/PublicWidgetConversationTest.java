package de.wattos.widget.internal;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A visitor's conversation through the public API with the real chat module: streaming, ownership, feedback, budget. */
@IntegrationTest
class PublicWidgetConversationTest {

    static final String SITE = "https://www.gemeinde.example";
    static final Pattern MESSAGE_ID = Pattern.compile("event:\\s*end\\s*\\ndata:\\s*\\{\"messageId\":\"([0-9a-f-]{36})\"");

    @LocalServerPort
    int port;

    TestApi api;
    String slug;
    String editor;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        slug = api.createTenant().slug();
        editor = api.userToken(slug, Role.EDITOR);
    }

    String widget(long budget) {
        Map<String, Object> body = new HashMap<>(WidgetApiTest.fullWidget());
        body.put("allowedOrigins", List.of(SITE));
        body.put("limits", Map.of("messagesPerVisitorPerHour", 100, "messagesPerIpPerHour", 100, "dailyTokenBudget", budget));
        TestApi.Response r = api.post("/api/v1/tenants/" + slug + "/widgets", editor, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("publicKey").asString();
    }

    TestApi.Response post(String key, String what, String token, String json) {
        HttpRequest.Builder b = api.builder("/api/v1/public/widgets/" + key + "/" + what, token).header("Origin", SITE)
                .header("Accept", "text/event-stream, application/problem+json");
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return api.send(b.POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    String token(String key) {
        TestApi.Response r = post(key, "sessions", null, null);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("token").asString();
    }

    @Test
    void visitorsOwnTheirConversationsAndRateTheirAnswers() {
        String key = widget(1_000_000);
        String visitor = token(key);
        TestApi.Response first = post(key, "messages", visitor, "{\"content\":\"Wann hat das Rathaus geöffnet?\"}");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.header("Content-Type")).startsWith("text/event-stream");
        assertThat(first.body()).contains("event:start").contains("event:end");
        String conversation = first.header("X-Wattos-Conversation-Id");
        assertThat(first.body()).contains(conversation);
        Matcher m = MESSAGE_ID.matcher(first.body().replace("\r", ""));
        assertThat(m.find()).as(first.body()).isTrue();
        String messageId = m.group(1);

        TestApi.Response second = post(key, "messages", visitor,
                "{\"conversationId\":\"" + conversation + "\",\"content\":\"Und am Samstag?\"}");
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.header("X-Wattos-Conversation-Id")).isEqualTo(conversation);

        // another visitor can neither continue nor rate it
        String stranger = token(key);
        assertThat(post(key, "messages", stranger, "{\"conversationId\":\"" + conversation + "\",\"content\":\"Hallo\"}").status())
                .isEqualTo(404);
        assertThat(post(key, "feedback", stranger, "{\"messageId\":\"" + messageId + "\",\"rating\":\"down\"}").status())
                .isEqualTo(404);
        TestApi.Response rated = post(key, "feedback", visitor, "{\"messageId\":\"" + messageId + "\",\"rating\":\"up\"}");
        assertThat(rated.status()).as(rated.toString()).isEqualTo(204);

        // a renewed session keeps the visitor (and so the conversation)
        TestApi.Response renewed = post(key, "sessions", visitor, null);
        String renewedToken = renewed.json().get("token").asString();
        assertThat(renewed.json().get("visitorId").asString()).isNotBlank();
        assertThat(post(key, "messages", renewedToken,
                "{\"conversationId\":\"" + conversation + "\",\"content\":\"Danke\"}").status()).isEqualTo(200);
    }

    @Test
    void theDailyTokenBudgetHolds() throws InterruptedException {
        String key = widget(1);
        String visitor = token(key);
        assertThat(post(key, "messages", visitor, "{\"content\":\"Wo ist das Bürgerbüro?\"}").status()).isEqualTo(200);
        TestApi.Response refused = null;
        for (int i = 0; i < 50 && refused == null; i++) {
            TestApi.Response r = post(key, "messages", visitor, "{\"content\":\"Und wann?\"}");
            if (r.status() == 429) {
                refused = r;
            } else {
                Thread.sleep(100);
            }
        }
        assertThat(refused).isNotNull();
        assertThat(refused.code()).isEqualTo("daily_budget_exhausted");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
    }
}
