package de.wattos.chat;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.support.TestApi;
import java.net.URI;
import java.net.http.WebSocket;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The same answer events over the WebSocket, authenticated by header or by {@code ?access_token=}. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatWebSocketTest {

    @LocalServerPort
    int port;

    TestApi api;
    ChatFixture f;

    @BeforeAll
    void setUp() throws Exception {
        api = new TestApi(port);
        f = new ChatFixture(api);
    }

    private String wsUrl(UUID conversation) {
        return "ws://localhost:" + port + f.base() + "/conversations/" + conversation + "/ws";
    }

    @Test
    void questionsAreAnsweredOverTheWebSocket() throws Exception {
        UUID conversation = f.conversation(f.viewer);
        WsCollector c = new WsCollector();
        WebSocket ws = api.http().newWebSocketBuilder().header("Authorization", "Bearer " + f.viewer)
                .buildAsync(URI.create(wsUrl(conversation)), c).get(10, TimeUnit.SECONDS);
        ws.sendText("{\"type\":\"message\",\"content\":\"Wie hoch ist die Gebühr für einen Personalausweis?\"}", true);
        List<JsonNode> events = c.until("end");
        assertThat(events.stream().map(e -> e.get("event").asString()).distinct().toList())
                .containsExactly("start", "delta", "citations", "end");
        assertThat(events.getFirst().get("data").get("conversationId").asString()).isEqualTo(conversation.toString());
        JsonNode citations = events.stream().filter(e -> e.get("event").asString().equals("citations")).findFirst()
                .orElseThrow().get("data").get("citations");
        // what the answer says is the answerer's business; what the WebSocket must carry is the same as SSE
        JsonNode end = events.getLast().get("data");
        JsonNode stored = api.get(f.base() + "/conversations/" + conversation, f.viewer).json().get("messages").get(1);
        StringBuilder text = new StringBuilder();
        events.stream().filter(e -> e.get("event").asString().equals("delta")).forEach(e -> text.append(e.get("data").get("text").asString()));
        assertThat(stored.get("content").asString()).isEqualTo(text.toString());
        assertThat(stored.get("citations")).isEqualTo(citations);
        assertThat(end.get("messageId").asString()).isEqualTo(stored.get("id").asString());
        assertThat(end.get("noAnswer").asBoolean()).isEqualTo(citations.isEmpty());
        assertThat(citations.findValuesAsString("documentId")).allMatch(id -> f.documents.containsValue(UUID.fromString(id)));

        // a second question on the same connection, then bad input as an error event
        ws.sendText("{\"type\":\"message\",\"content\":\"Und wie lange ist er gültig?\"}", true);
        List<JsonNode> second = c.until("end");
        assertThat(second.stream().map(e -> e.get("event").asString()).distinct().toList())
                .containsExactly("start", "delta", "citations", "end");
        // the follow-up was condensed with the topic of the first question
        JsonNode secondStored = api.get(f.base() + "/conversations/" + conversation, f.viewer).json().get("messages").get(3);
        assertThat(secondStored.get("searchQuery").asString()).containsIgnoringCase("personalausweis");
        ws.sendText("{\"type\":\"message\",\"content\":\"" + "x".repeat(4001) + "\"}", true);
        JsonNode error = c.until("error").getLast();
        assertThat(error.get("data").get("code").asString()).isEqualTo("validation_failed");
        ws.sendText("not json", true);
        assertThat(c.until("error").getLast().get("data").get("code").asString()).isEqualTo("malformed_message");
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);

        JsonNode detail = api.get(f.base() + "/conversations/" + conversation, f.viewer).json();
        assertThat(detail.get("messages").size()).isEqualTo(4);
    }
}
