package de.wattos.chat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * An answer whose node died mid-stream is left {@code streaming} in the database (as a SIGKILL leaves it); the sweep
 * marks it {@code incomplete} once no stream can still be running, and leaves answers that may still be streaming.
 */
@IntegrationTest
class OrphanedAnswersTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired OrphanedAnswers orphans;
    @Autowired ChatProperties properties;

    @Test
    void anAnswerLeftStreamingByADeadNodeIsMarkedIncompleteOnceNoStreamCanBeRunning() {
        TestApi api = new TestApi(port);
        TestApi.Tenant tenant = api.createTenant();
        String base = "/api/v1/tenants/" + tenant.slug();
        String editor = api.userToken(tenant.slug(), Role.EDITOR);
        String conversation = api.post(base + "/conversations", editor, Map.of("channel", "console", "locale", "de-DE"))
                .json().get("id").asString();
        Instant now = Instant.now();
        UUID dead = insertStreaming(tenant.id(), conversation, now.minus(properties.streamTimeout()).minus(Duration.ofMinutes(2)));
        UUID running = insertStreaming(tenant.id(), conversation, now.minus(properties.streamTimeout()).plus(Duration.ofSeconds(30)));

        assertThat(orphans.markOrphaned(now)).isGreaterThanOrEqualTo(1);

        JsonNode messages = api.get(base + "/conversations/" + conversation, editor).json();
        assertThat(status(messages, dead)).as(messages.toString()).isEqualTo("incomplete");
        assertThat(status(messages, running)).as("may still be streaming").isEqualTo("streaming");
        assertThat(orphans.markOrphaned(now)).as("idempotent").isZero();
    }

    private UUID insertStreaming(UUID tenant, String conversation, Instant at) {
        UUID id = de.wattos.platform.Ids.newId();
        jdbc.sql("""
                insert into chat_messages (id, tenant_id, conversation_id, role, status, created_at)
                values (:id, :tenant, :conversation, 'assistant', 'streaming', :at)""")
                .param("id", id).param("tenant", tenant).param("conversation", UUID.fromString(conversation))
                .param("at", Timestamp.from(at)).update();
        return id;
    }

    private static String status(JsonNode conversation, UUID message) {
        for (JsonNode m : conversation.path("messages")) {
            if (m.path("id").asString().equals(message.toString())) {
                return m.path("status").asString();
            }
        }
        return "not listed: " + conversation;
    }
}
