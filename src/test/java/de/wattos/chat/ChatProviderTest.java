package de.wattos.chat;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.support.GroundedModel;
import de.wattos.support.OpenAiStub;
import de.wattos.support.ProviderStub.Computed;
import de.wattos.support.ProviderStub.Garbage;
import de.wattos.support.TestApi;
import java.net.URI;
import java.net.http.WebSocket;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Answers from a real (stubbed, OpenAI-compatible, on loopback) language model registered as the tenant's provider
 * through the llm REST API: citations, condensing with the model, provider failures, dropped streams, client
 * disconnects and stop requests.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatProviderTest {

    @LocalServerPort
    int port;

    TestApi api;
    ChatFixture f;
    OpenAiStub stub;
    GroundedModel model;

    String providerId;

    @BeforeAll
    void setUp() throws Exception {
        api = new TestApi(port);
        f = new ChatFixture(api);
        stub = new OpenAiStub();
        model = new GroundedModel();
    }

    @AfterAll
    void tearDown() {
        stub.close();
    }

    /** A fresh provider registration per test, so failures of one test never open the circuit breaker of the next. */
    @BeforeEach
    void registerStub() {
        stub.always(new Computed(model.reset()));
        String providers = f.base() + "/llm/providers";
        if (providerId != null) {
            assertThat(api.delete(providers + "/" + providerId, api.adminToken()).status()).isEqualTo(204);
        }
        TestApi.Response r = api.post(providers, api.adminToken(), Map.of("name", "stub " + UUID.randomUUID().toString().substring(0, 8),
                "type", "openai", "baseUrl", stub.baseUrl(), "apiKey", "sk-test-stub", "defaultModel", "stub-model"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        providerId = r.json().get("id").asString();
    }

    String messages(UUID conversation) {
        return f.base() + "/conversations/" + conversation + "/messages";
    }

    JsonNode stored(UUID conversation, int index) {
        return api.get(f.base() + "/conversations/" + conversation, f.viewer).json().get("messages").get(index);
    }

    @Test
    void theModelsAnswerIsStreamedWithItsCitations() throws Exception {
        UUID conversation = f.conversation(f.viewer);
        SseClient.Stream s = SseClient.post(api, messages(conversation), f.viewer, "Wie hoch ist die Gebühr für einen Personalausweis?", null);
        assertThat(s.first("start").text("model")).isEqualTo("stub-model");
        assertThat(s.deltas()).startsWith("Laut Quelle [1]:").endsWith("]");
        JsonNode citations = s.first("citations").data().get("citations");
        assertThat(citations.size()).isEqualTo(1);
        assertThat(s.deltas()).endsWith("[" + citations.get(0).get("n").asInt() + "]");
        assertThat(citations.get(0).get("documentId").asString()).isEqualTo(f.documents.get("personalausweis.txt").toString());
        JsonNode end = s.first("end").data();
        assertThat(end.get("finishReason").asString()).isEqualTo("stop");
        assertThat(end.get("usage").get("inputTokens").asInt()).isEqualTo(100); // as the provider reported it

        JsonNode m = f.ask(conversation, f.viewer, "Wie hoch ist die Hundesteuer?").json().get("message");
        assertThat(m.get("model").asString()).isEqualTo("stub-model");
        assertThat(m.get("citations").get(0).get("documentId").asString()).isEqualTo(f.documents.get("hundesteuer.txt").toString());
    }

    @Test
    void aModelAnswerCitingNoSourceIsReplacedByTheHonestNoAnswerAndNeverShown() throws Exception {
        model.uncited();
        UUID conversation = f.conversation(f.viewer);
        long before = model.count("chat");
        SseClient.Stream s = SseClient.post(api, messages(conversation), f.viewer, "Wie hoch ist die Gebühr für einen Personalausweis?", null);
        assertThat(model.count("chat")).as("the model was asked").isEqualTo(before + 1);
        assertThat(s.deltas()).doesNotContain("12 Euro").contains("keine verlässliche Antwort");
        assertThat(s.first("end").data().get("noAnswer").asBoolean()).isTrue();
        assertThat(s.first("citations").data().get("citations").size()).isZero();
        JsonNode m = stored(conversation, 1);
        assertThat(m.get("noAnswer").asBoolean()).isTrue();
        assertThat(m.get("content").asString()).isEqualTo(s.deltas());
    }

    @Test
    void aQuestionThatStartsWithPersonalDataStillReachesTheModel() {
        UUID conversation = f.conversation(f.viewer);
        long before = model.count("chat");
        JsonNode m = f.ask(conversation, f.viewer, "Meine E-Mail ist max.mustermann@example.org und meine IBAN "
                + "DE89 3704 0044 0532 0130 00 Wie hoch ist die Hundesteuer für den ersten Hund?").json().get("message");
        assertThat(model.count("chat")).as("the model must be asked").isEqualTo(before + 1);
        assertThat(m.get("noAnswer").asBoolean()).as(m.toString()).isFalse();
        assertThat(m.get("citations").get(0).get("documentId").asString()).isEqualTo(f.documents.get("hundesteuer.txt").toString());
        // the personal data never counted as content, and never went into the search
        assertThat(stored(conversation, 1).path("searchQuery").asString()).doesNotContain("max.mustermann").doesNotContain("DE89");
    }

    @Test
    void followUpsAreCondensedByTheModel() {
        UUID conversation = f.conversation(f.viewer);
        long before = model.count("condense");
        assertThat(f.ask(conversation, f.viewer, "Wie hoch ist die Gebühr für einen Personalausweis?").status()).isEqualTo(200);
        JsonNode m = f.ask(conversation, f.viewer, "Und wie lange ist er gültig?").json().get("message");
        assertThat(model.count("condense")).isEqualTo(before + 1);
        assertThat(stored(conversation, 3).get("searchQuery").asString())
                .isEqualTo("Und wie lange ist er gültig? (im Zusammenhang mit: Wie hoch ist die Gebühr für einen Personalausweis?)");
        assertThat(m.get("citations").get(0).get("documentId").asString()).isEqualTo(f.documents.get("personalausweis.txt").toString());
    }

    @Test
    void garbageFromTheProviderBecomesAnErrorEvent() throws Exception {
        stub.always(new Garbage(""));
        UUID conversation = f.conversation(f.viewer);
        SseClient.Stream s = SseClient.post(api, messages(conversation), f.viewer, "Was kostet ein Personalausweis?", null);
        assertThat(s.status()).isEqualTo(200);
        assertThat(s.named("end")).isEmpty();
        SseClient.Event error = s.events().getLast();
        assertThat(error.name()).isEqualTo("error");
        assertThat(error.text("code")).isEqualTo("malformed_response");
        assertThat(error.text("message")).isNotBlank();
        JsonNode m = stored(conversation, 1);
        assertThat(m.get("status").asString()).isEqualTo("error");
        assertThat(m.get("finishReason").asString()).isEqualTo("error");

        TestApi.Response blocking = f.ask(conversation, f.viewer, "Wie hoch ist die Hundesteuer?");
        assertThat(blocking.status()).isEqualTo(502);
        assertThat(blocking.code()).isEqualTo("malformed_response");
        assertThat(blocking.json().get("messageId").asString()).isNotBlank();
    }

    @Test
    void aStreamDroppedHalfWayKeepsWhatArrivedAsIncomplete() throws Exception {
        model.dropAfter(3);
        UUID conversation = f.conversation(f.viewer);
        SseClient.Stream s = SseClient.post(api, messages(conversation), f.viewer, "Was kostet ein Personalausweis?", null);
        assertThat(s.named("delta")).isNotEmpty();
        assertThat(s.events().getLast().name()).isEqualTo("error");
        JsonNode m = stored(conversation, 1);
        assertThat(m.get("status").asString()).isEqualTo("incomplete");
        assertThat(m.get("finishReason").asString()).isEqualTo("incomplete");
        assertThat(m.get("content").asString()).isEqualTo(s.deltas()).isNotBlank();
    }

    @Test
    void aClientThatDisconnectsCancelsGeneration() throws Exception {
        model.slow(150);
        int aborted = stub.abortedStreams.get();
        UUID conversation = f.conversation(f.viewer);
        SseClient.Stream s = SseClient.post(api, messages(conversation), f.viewer, "Was kostet ein Personalausweis?",
                events -> events.stream().anyMatch(e -> e.name().equals("delta")));
        assertThat(s.named("end")).isEmpty();
        JsonNode m = awaitFinished(conversation, 1);
        assertThat(m.get("finishReason").asString()).isEqualTo("cancelled");
        assertThat(m.get("status").asString()).isEqualTo("incomplete");
        long deadline = System.currentTimeMillis() + 10_000;
        while (stub.abortedStreams.get() == aborted && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(stub.abortedStreams.get()).as("the provider connection was closed").isGreaterThan(aborted);
    }

    @Test
    void aStopRequestEndsTheAnswerEarly() throws Exception {
        model.slow(150);
        UUID conversation = f.conversation(f.viewer);
        CompletableFuture<String> streaming = new CompletableFuture<>();
        CompletableFuture<SseClient.Stream> stream = CompletableFuture.supplyAsync(() -> {
            try {
                return SseClient.post(api, messages(conversation), f.viewer, "Was kostet ein Personalausweis?", events -> {
                    if (events.getLast().name().equals("delta")) {
                        streaming.complete(events.getFirst().text("messageId")); // the first event is start
                    }
                    return false;
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        String messageId = streaming.get(10, TimeUnit.SECONDS);
        assertThat(messageId).isNotNull();
        TestApi.Response stop = api.post(f.base() + "/conversations/" + conversation + "/messages/" + messageId + "/stop", f.viewer, Map.of());
        assertThat(stop.status()).isEqualTo(200);
        assertThat(stop.json().get("stopped").asBoolean()).isTrue();
        SseClient.Stream s = stream.get(20, TimeUnit.SECONDS);
        assertThat(s.first("end").text("finishReason")).isEqualTo("stopped");
        JsonNode m = stored(conversation, 1);
        assertThat(m.get("finishReason").asString()).isEqualTo("stopped");
        assertThat(m.get("content").asString()).isEqualTo(s.deltas());
        // stopping again: not running any more
        assertThat(api.post(f.base() + "/messages/" + messageId + "/stop", f.viewer, Map.of()).json().get("stopped").asBoolean()).isFalse();
    }

    @Test
    void theWebSocketStopsAndCancelsToo() throws Exception {
        model.slow(150);
        UUID conversation = f.conversation(f.viewer);
        WsCollector c = new WsCollector();
        WebSocket ws = api.http().newWebSocketBuilder().header("Authorization", "Bearer " + f.viewer)
                .buildAsync(URI.create("ws://localhost:" + port + f.base() + "/conversations/" + conversation + "/ws"), c)
                .get(10, TimeUnit.SECONDS);
        ws.sendText("{\"type\":\"message\",\"content\":\"Was kostet ein Personalausweis?\"}", true);
        c.until("delta");
        ws.sendText("{\"type\":\"message\",\"content\":\"Noch eine Frage\"}", true);
        assertThat(c.until("error").getLast().get("data").get("code").asString()).isEqualTo("busy");
        ws.sendText("{\"type\":\"stop\"}", true);
        List<JsonNode> rest = c.until("end");
        assertThat(rest.getLast().get("data").get("finishReason").asString()).isEqualTo("stopped");

        ws.sendText("{\"type\":\"message\",\"content\":\"Wie hoch ist die Hundesteuer?\"}", true);
        c.until("delta");
        ws.abort(); // the connection goes away mid-answer
        JsonNode m = awaitFinished(conversation, 3);
        assertThat(m.get("finishReason").asString()).isEqualTo("cancelled");
    }

    private JsonNode awaitFinished(UUID conversation, int index) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (true) {
            JsonNode m = stored(conversation, index);
            if (!"streaming".equals(m.get("status").asString())) {
                return m;
            }
            assertThat(System.currentTimeMillis()).as("answer still streaming").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
