package de.wattos.chat;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.support.TestApi;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** A citizen asks the municipal assistant through the REST API (extractive answerer, no model configured). */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    TestApi api;
    ChatFixture f;

    @BeforeAll
    void setUp() throws Exception {
        api = new TestApi(port);
        f = new ChatFixture(api);
    }

    @Test
    void aQuestionIsAnsweredWithCitationsOfTheRightDocument() {
        UUID conversation = f.conversation(f.viewer);
        TestApi.Response r = f.ask(conversation, f.viewer, "Wie hoch ist die Gebühr für einen Personalausweis?");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode m = r.json().get("message");
        assertThat(m.get("role").asString()).isEqualTo("assistant");
        assertThat(m.get("noAnswer").asBoolean()).isFalse();
        assertThat(m.get("content").asString()).contains("37 Euro").contains("[1]");
        assertThat(m.get("model").asString()).isEqualTo("extractive");
        assertThat(m.get("finishReason").asString()).isEqualTo("stop");
        assertThat(m.get("latencyMs").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(m.has("usage")).isTrue();
        JsonNode citations = m.get("citations");
        assertThat(citations.size()).isGreaterThanOrEqualTo(1);
        assertThat(citations.get(0).get("documentId").asString()).isEqualTo(f.documents.get("personalausweis.txt").toString());
        assertThat(citations.get(0).get("n").asInt()).isEqualTo(1);
        assertThat(citations.get(0).get("chunkId").asString()).isNotBlank();
        assertThat(citations.get(0).get("title").asString()).isNotBlank();
        // every cited number appears in the text and nothing uncited is listed
        for (JsonNode c : citations) {
            assertThat(m.get("content").asString()).contains("[" + c.get("n").asInt() + "]");
        }

        JsonNode detail = api.get(f.base() + "/conversations/" + conversation, f.viewer).json();
        assertThat(detail.get("title").asString()).isEqualTo("Wie hoch ist die Gebühr für einen Personalausweis?");
        assertThat(detail.get("messages").size()).isEqualTo(2);
        assertThat(detail.get("messages").get(0).get("role").asString()).isEqualTo("user");
        assertThat(detail.get("messages").get(1).get("content").asString()).isEqualTo(m.get("content").asString());
        assertThat(detail.get("messages").get(1).get("status").asString()).isEqualTo("complete");
    }

    @Test
    void aStreamedAnswerSendsStartDeltasCitationsAndEnd() throws Exception {
        UUID conversation = f.conversation(f.viewer);
        SseClient.Stream s = SseClient.post(api, f.base() + "/conversations/" + conversation + "/messages", f.viewer,
                "Wie hoch ist die Hundesteuer?", null);
        assertThat(s.status()).isEqualTo(200);
        assertThat(s.contentType()).startsWith("text/event-stream");
        List<String> names = s.events().stream().map(SseClient.Event::name).distinct().toList();
        assertThat(names).containsExactly("start", "delta", "citations", "end");
        SseClient.Event start = s.first("start");
        assertThat(start.text("conversationId")).isEqualTo(conversation.toString());
        assertThat(start.text("model")).isEqualTo("extractive");
        String messageId = start.text("messageId");
        assertThat(s.deltas()).contains("100 Euro").contains("[1]");
        JsonNode citations = s.first("citations").data().get("citations");
        assertThat(citations.get(0).get("documentId").asString()).isEqualTo(f.documents.get("hundesteuer.txt").toString());
        assertThat(citations.get(0).has("snippet")).isTrue();
        SseClient.Event end = s.first("end");
        assertThat(end.text("messageId")).isEqualTo(messageId);
        assertThat(end.text("finishReason")).isEqualTo("stop");
        assertThat(end.data().get("noAnswer").asBoolean()).isFalse();
        assertThat(end.data().get("usage").has("inputTokens")).isTrue();

        JsonNode stored = api.get(f.base() + "/conversations/" + conversation, f.viewer).json().get("messages").get(1);
        assertThat(stored.get("id").asString()).isEqualTo(messageId);
        assertThat(stored.get("content").asString()).isEqualTo(s.deltas());
        assertThat(stored.get("timeToFirstTokenMs").asLong()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void aQuestionWithoutRelevantContentGetsAnHonestNoAnswerWithTheTenantsContact() throws Exception {
        UUID conversation = f.conversation(f.viewer);
        TestApi.Response r = f.ask(conversation, f.viewer, "Wann fährt der nächste Zug nach München?");
        assertThat(r.status()).isEqualTo(200);
        JsonNode m = r.json().get("message");
        assertThat(m.get("noAnswer").asBoolean()).isTrue();
        assertThat(m.get("citations").size()).isZero();
        assertThat(m.get("content").asString()).contains("keine verlässliche Antwort").contains(ChatFixture.CONTACT);

        SseClient.Stream s = SseClient.post(api, f.base() + "/conversations/" + conversation + "/messages", f.viewer,
                "Wie wird das Wetter morgen in Hamburg?", null);
        assertThat(s.first("end").data().get("noAnswer").asBoolean()).isTrue();
        assertThat(s.deltas()).contains(ChatFixture.CONTACT);
        assertThat(s.first("citations").data().get("citations").size()).isZero();
    }

    @Test
    void refusedTopicsAreDeclinedPolitely() {
        UUID conversation = f.conversation(f.viewer);
        JsonNode m = f.ask(conversation, f.viewer, "Wen soll ich bei der Kommunalwahl wählen?").json().get("message");
        assertThat(m.get("noAnswer").asBoolean()).isTrue();
        assertThat(m.get("finishReason").asString()).isEqualTo("refused");
        assertThat(m.get("content").asString()).contains("keine Auskunft").contains(ChatFixture.CONTACT);
    }

    @Test
    void aFollowUpQuestionIsCondensedWithTheHistory() {
        UUID conversation = f.conversation(f.viewer);
        assertThat(f.ask(conversation, f.viewer, "Was kostet ein Personalausweis?").status()).isEqualTo(200);
        JsonNode m = f.ask(conversation, f.viewer, "Und wie lange ist er gültig?").json().get("message");
        assertThat(m.get("noAnswer").asBoolean()).as(m.toString()).isFalse();
        assertThat(m.get("content").asString()).contains("zehn Jahre");
        assertThat(m.get("citations").get(0).get("documentId").asString())
                .isEqualTo(f.documents.get("personalausweis.txt").toString());
        JsonNode stored = api.get(f.base() + "/conversations/" + conversation, f.viewer).json().get("messages").get(3);
        assertThat(stored.get("searchQuery").asString()).contains("Und wie lange ist er gültig?").containsIgnoringCase("personalausweis");
        assertThat(api.get(f.base() + "/conversations/" + conversation, f.viewer).json().get("messageCount").asInt()).isEqualTo(4);
    }
}
