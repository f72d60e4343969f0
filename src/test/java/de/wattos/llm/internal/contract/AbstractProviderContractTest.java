package de.wattos.llm.internal.contract;

import de.wattos.support.ProviderStub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import de.wattos.llm.ModelException;
import de.wattos.llm.ModelRequest.ModelMessage;
import de.wattos.llm.ModelRequest.ModelMessage.Role;
import de.wattos.llm.internal.LlmProperties;
import de.wattos.support.ProviderStub.Drop;
import de.wattos.support.ProviderStub.Failure;
import de.wattos.support.ProviderStub.Garbage;
import de.wattos.support.ProviderStub.Hang;
import de.wattos.support.ProviderStub.Received;
import de.wattos.support.ProviderStub.Stall;
import de.wattos.support.ProviderStub.StreamError;
import de.wattos.llm.internal.http.ProviderHttp;
import de.wattos.llm.internal.spi.Cancellation;
import de.wattos.llm.internal.spi.ModelProvider;
import de.wattos.llm.internal.spi.ModelProviderFactory;
import de.wattos.llm.internal.spi.ProviderCall;
import de.wattos.llm.internal.spi.ProviderException;
import de.wattos.llm.internal.spi.ProviderResult;
import de.wattos.llm.internal.spi.ProviderSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one contract every HTTP adapter passes (as LangChain4j's AbstractChatModelIT does for its providers), run
 * against a loopback stub that speaks the provider's real wire protocol. Subclasses name the factory, the stub and
 * what their wire request must look like; capability hooks say how the provider labels in-stream errors.
 */
public abstract class AbstractProviderContractTest {

    protected static final String KEY = "sk-test-secret-4711";
    protected static final Duration SHORT = Duration.ofMillis(600);
    private static final ProviderHttp HTTP = new ProviderHttp(LlmProperties.defaults());
    protected static final JsonMapper JSON = JsonMapper.builder().build();

    protected ProviderStub stub;

    protected abstract ProviderStub newStub();

    protected abstract ModelProviderFactory factory(ProviderHttp http, JsonMapper json);

    /** The request the stub received must be this provider's wire format (path, auth, body fields). */
    protected abstract void assertChatRequest(Received request, boolean stream);

    /** How {@code system/user/assistant/user} with temperature 0.2 and 77 max tokens must appear on the wire. */
    protected abstract void assertConversation(JsonNode body);

    protected abstract void assertAuthorized(Received request);

    /** The code for the stub's in-stream error event (the provider decides what it means). */
    protected String streamErrorType() {
        return "server_error";
    }

    protected String expectedStreamErrorCode() {
        return "provider_error";
    }

    protected String model() {
        return "stub-model";
    }

    @BeforeEach
    void startStub() {
        stub = newStub();
    }

    @AfterEach
    void stopStub() {
        stub.close();
    }

    @AfterAll
    static void stopHttp() {
        // the shared client lives for the JVM; nothing to do
    }

    protected ModelProvider provider(Duration timeout) {
        return provider(stub.baseUri(), timeout);
    }

    protected ModelProvider provider(URI base, Duration timeout) {
        return factory(HTTP, JSON).create(new ProviderSettings("stub", factory(HTTP, JSON).id(), base, KEY, null,
                model(), List.of(), timeout));
    }

    protected static ProviderCall ask(String question) {
        return new ProviderCall(List.of(new ModelMessage(Role.SYSTEM, "Antworte kurz."), new ModelMessage(Role.USER, question)),
                "stub-model", null, null);
    }

    /** Runs a stream and collects its deltas; rethrows a failure with the deltas seen so far attached. */
    protected static final class Collected {
        final List<String> deltas = new CopyOnWriteArrayList<>();
        ProviderResult result;
        ModelException error;
    }

    protected Collected stream(ModelProvider provider, ProviderCall call, Cancellation cancellation) {
        Collected c = new Collected();
        try {
            c.result = provider.stream(call, c.deltas::add, cancellation);
        } catch (ModelException e) {
            c.error = e;
        }
        return c;
    }

    protected Collected stream(ModelProvider provider, ProviderCall call) {
        return stream(provider, call, new Cancellation());
    }

    /** Where this provider's wire format carries the JSON schema of a structured-output request. */
    protected abstract JsonNode schemaIn(JsonNode requestBody);

    // ---------------------------------------------------------------- function calling

    /** The tools of the request in the provider's wire form: name → JSON schema of the parameters. */
    protected abstract java.util.Map<String, JsonNode> toolsIn(JsonNode requestBody);

    /**
     * The conversation {@code user, assistant(call_1 → knowledge_search {"query":"Hundesteuer"}), tool(call_1 → result)}
     * in the provider's wire form: the call on the assistant turn, the result paired with it.
     */
    protected abstract void assertToolTurns(JsonNode requestBody);

    /** False for providers that send each call whole (Ollama): then there is one piece per call. */
    protected boolean streamsArgumentsInPieces() {
        return true;
    }

    private static final List<de.wattos.llm.ModelRequest.ToolSpec> TOOLS = List.of(
            new de.wattos.llm.ModelRequest.ToolSpec("knowledge_search", "Sucht in den Quellen",
                    java.util.Map.of("type", "object", "properties", java.util.Map.of("query", java.util.Map.of("type", "string")),
                            "required", List.of("query"))),
            new de.wattos.llm.ModelRequest.ToolSpec("current_time", "Datum und Uhrzeit",
                    java.util.Map.of("type", "object", "properties", java.util.Map.of())));

    private static ProviderStub.Calls twoCalls() {
        return new ProviderStub.Calls(List.of(
                new ProviderStub.StubCall("call_1", "knowledge_search", List.of("{\"que", "ry\": \"Hunde", "steuer\"}")),
                new ProviderStub.StubCall("call_2", "current_time", List.of("{}"))));
    }

    private static ProviderCall withTools(List<ModelMessage> messages) {
        return new ProviderCall(messages, "stub-model", null, null, null, TOOLS);
    }

    @Test
    void offersToolsAndReturnsTheCallsTheModelMakes() {
        stub.enqueue(twoCalls());
        ProviderResult r = provider(Duration.ofSeconds(5)).complete(withTools(List.of(new ModelMessage(Role.USER,
                "Wie hoch ist die Hundesteuer und welcher Tag ist heute?"))));
        assertThat(r.toolCalls()).extracting(de.wattos.llm.ToolCall::name).containsExactly("knowledge_search", "current_time");
        assertThat(JSON.readTree(r.toolCalls().get(0).arguments()).path("query").asString()).isEqualTo("Hundesteuer");
        assertThat(r.toolCalls().get(0).id()).isNotBlank().isNotEqualTo(r.toolCalls().get(1).id());
        assertThat(r.finishReason()).isEqualTo("tool_calls");
        var tools = toolsIn(stub.lastChat().json());
        assertThat(tools).containsOnlyKeys("knowledge_search", "current_time");
        assertThat(tools.get("knowledge_search").path("required").path(0).asString()).isEqualTo("query");
    }

    @Test
    void streamedToolCallDeltasAssembleIntoCalls() {
        stub.enqueue(twoCalls());
        List<String> pieces = new CopyOnWriteArrayList<>();
        List<String> names = new CopyOnWriteArrayList<>();
        ProviderResult r = provider(Duration.ofSeconds(5)).stream(withTools(List.of(new ModelMessage(Role.USER, "Hundesteuer?"))),
                d -> { }, (index, id, name, delta) -> {
                    if (name != null) {
                        names.add(index + ":" + name);
                    }
                    if (delta != null && !delta.isEmpty()) {
                        pieces.add(index + ":" + delta);
                    }
                }, new Cancellation());
        assertThat(names).containsExactly("0:knowledge_search", "1:current_time");
        assertThat(r.toolCalls()).hasSize(2);
        assertThat(JSON.readTree(r.toolCalls().get(0).arguments()).path("query").asString()).isEqualTo("Hundesteuer");
        assertThat(r.toolCalls().get(1).name()).isEqualTo("current_time");
        if (streamsArgumentsInPieces()) {
            assertThat(pieces).startsWith("0:{\"que", "0:ry\": \"Hunde", "0:steuer\"}");
        } else {
            assertThat(pieces).hasSize(2);
        }
        assertThat(stub.lastChat().body()).contains("knowledge_search");
    }

    @Test
    void sendsToolCallsAndTheirResultsBack() {
        de.wattos.llm.ToolCall call = new de.wattos.llm.ToolCall("call_1", "knowledge_search", "{\"query\":\"Hundesteuer\"}");
        provider(Duration.ofSeconds(5)).complete(withTools(List.of(new ModelMessage(Role.SYSTEM, "Antworte kurz."),
                new ModelMessage(Role.USER, "Wie hoch ist die Hundesteuer?"),
                ModelMessage.toolCalls("", List.of(call)),
                ModelMessage.toolResult(call, "{\"results\":[{\"n\":1,\"text\":\"96 Euro\"}]}"))));
        assertToolTurns(stub.lastChat().json());
    }

    // ---------------------------------------------------------------- answers

    @Test
    void structuredOutputSendsTheSchemaAndReturnsTheJsonObject() {
        stub.enqueue(new ProviderStub.Answer(List.of("{\"name\": \"Lena\", \"tone\": \"friendly\"}"), 30, 9, null));
        var schema = new de.wattos.llm.ModelRequest.JsonSchema("character", java.util.Map.of("type", "object",
                "properties", java.util.Map.of("name", java.util.Map.of("type", "string"), "tone", java.util.Map.of("type", "string")),
                "required", List.of("name")));
        ProviderCall call = new ProviderCall(List.of(new ModelMessage(Role.USER, "Assistentin Lena, freundlich")),
                "stub-model", null, null, schema);
        ProviderResult r = provider(Duration.ofSeconds(5)).complete(call);
        assertThat(JSON.readTree(r.text()).path("name").asString()).isEqualTo("Lena");
        JsonNode sent = schemaIn(stub.lastChat().json());
        assertThat(sent.path("type").asString()).isEqualTo("object");
        assertThat(sent.path("required").path(0).asString()).isEqualTo("name");
        assertThat(sent.path("properties").path("tone").path("type").asString()).isEqualTo("string");
    }

    @Test
    void completesSynchronously() {
        stub.enqueue(new ProviderStub.Answer(List.of("Die Hundesteuer ", "beträgt 96 Euro."), 42, 7, null));
        ProviderResult r = provider(Duration.ofSeconds(5)).complete(ask("Wie hoch ist die Hundesteuer?"));
        assertThat(r.text()).isEqualTo("Die Hundesteuer beträgt 96 Euro.");
        assertThat(r.inputTokens()).isEqualTo(42);
        assertThat(r.outputTokens()).isEqualTo(7);
        assertThat(r.finishReason()).isEqualTo("stop");
        assertThat(r.model()).isNotBlank();
        assertThat(stub.chatRequests.get()).isEqualTo(1);
        assertChatRequest(stub.lastChat(), false);
        assertAuthorized(stub.lastChat());
        assertThat(stub.lastChat().body()).contains("Wie hoch ist die Hundesteuer?");
    }

    @Test
    void streamsDeltasInOrderWithUsage() {
        stub.enqueue(new ProviderStub.Answer(List.of("Das ", "Bürgerbüro ", "öffnet ", "um 8 Uhr."), 40, 4, null));
        Collected c = stream(provider(Duration.ofSeconds(5)), ask("Wann öffnet das Bürgerbüro?"));
        assertThat(c.error).isNull();
        assertThat(c.deltas).containsExactly("Das ", "Bürgerbüro ", "öffnet ", "um 8 Uhr.");
        assertThat(c.result.text()).isEqualTo("Das Bürgerbüro öffnet um 8 Uhr.");
        assertThat(c.result.outputTokens()).isEqualTo(4);
        assertThat(c.result.inputTokens()).isGreaterThan(0);
        assertThat(c.result.finishReason()).isEqualTo("stop");
        assertChatRequest(stub.lastChat(), true);
        assertAuthorized(stub.lastChat());
    }

    @Test
    void sendsTheConversationFaithfully() {
        ProviderCall call = new ProviderCall(List.of(new ModelMessage(Role.SYSTEM, "Du bist die Stadt Musterstadt."),
                new ModelMessage(Role.USER, "Hallo"), new ModelMessage(Role.ASSISTANT, "Guten Tag!"),
                new ModelMessage(Role.USER, "Wo ist das Rathaus?")), "stub-model", 0.2, 77);
        provider(Duration.ofSeconds(5)).complete(call);
        assertConversation(stub.lastChat().json());
    }

    @Test
    void listsModels() {
        stub.models = List.of("modell-eins", "modell-zwei");
        assertThat(provider(Duration.ofSeconds(5)).listModels()).containsExactly("modell-eins", "modell-zwei");
        Received r = stub.received.getLast();
        assertThat(r.method()).isEqualTo("GET");
        assertAuthorized(r);
    }

    // ---------------------------------------------------------------- errors

    @Test
    void clientErrorCarriesTheProvidersMessage() {
        stub.enqueue(new Failure(400, "invalid_request_error", "Das Modell gibt es nicht", null),
                new Failure(401, "authentication_error", "Ungültiger Schlüssel", null));
        ProviderException sync = catchThrowableOfType(ProviderException.class,
                () -> provider(Duration.ofSeconds(5)).complete(ask("Hallo")));
        assertThat(sync.code()).isEqualTo("provider_error");
        assertThat(sync.status()).isEqualTo(400);
        assertThat(sync.getMessage()).contains("Das Modell gibt es nicht");
        Collected streamed = stream(provider(Duration.ofSeconds(5)), ask("Hallo"));
        assertThat(streamed.error.code()).isEqualTo("provider_error");
        assertThat(streamed.error.getMessage()).contains("Ungültiger Schlüssel").doesNotContain(KEY);
        assertThat(streamed.deltas).isEmpty();
    }

    @Test
    void serverErrorsMapToStableCodes() {
        stub.enqueue(new Failure(503, "overloaded_error", "Überlastet", null), new Failure(500, "api_error", "Interner Fehler", null));
        assertThat(catchThrowableOfType(ModelException.class, () -> provider(Duration.ofSeconds(5)).complete(ask("Hallo"))).code())
                .isEqualTo("provider_unavailable");
        Collected streamed = stream(provider(Duration.ofSeconds(5)), ask("Hallo"));
        assertThat(streamed.error.code()).isEqualTo("provider_error");
        assertThat(streamed.error.getMessage()).contains("Interner Fehler");
    }

    @Test
    void rateLimitCarriesRetryAfter() {
        stub.enqueue(new Failure(429, "rate_limit_error", "Zu viele Anfragen", "2"), new Failure(429, "rate_limit_error", "Zu viele", "1"));
        ProviderException sync = catchThrowableOfType(ProviderException.class,
                () -> provider(Duration.ofSeconds(5)).complete(ask("Hallo")));
        assertThat(sync.code()).isEqualTo("rate_limited");
        assertThat(sync.retryAfter()).isEqualTo(Duration.ofSeconds(2));
        Collected streamed = stream(provider(Duration.ofSeconds(5)), ask("Hallo"));
        assertThat(streamed.error.code()).isEqualTo("rate_limited");
        assertThat(((ProviderException) streamed.error).retryAfter()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void timesOutWaitingForTheAnswer() {
        stub.always(new Hang(3000));
        long start = System.nanoTime();
        assertThat(catchThrowableOfType(ModelException.class, () -> provider(SHORT).complete(ask("Hallo"))).code())
                .isEqualTo("timeout");
        Collected streamed = stream(provider(SHORT), ask("Hallo"));
        assertThat(streamed.error.code()).isEqualTo("timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void timesOutWhenTheStreamStalls() {
        stub.enqueue(new Stall(List.of("Die ", "Antwort "), 3000));
        long start = System.nanoTime();
        Collected c = stream(provider(SHORT), ask("Hallo"));
        assertThat(c.deltas).containsExactly("Die ", "Antwort ");
        assertThat(c.error.code()).isEqualTo("timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void garbageInsteadOfJsonIsMalformed() {
        stub.enqueue(new Garbage("x"));
        assertThat(catchThrowableOfType(ModelException.class, () -> provider(Duration.ofSeconds(5)).complete(ask("Hallo"))).code())
                .isEqualTo("malformed_response");
    }

    @Test
    void malformedStreamChunkEndsTheStreamAfterPartialDeltas() {
        stub.enqueue(new Garbage("Die Hunde"));
        Collected c = stream(provider(Duration.ofSeconds(5)), ask("Hallo"));
        assertThat(c.deltas).containsExactly("Die Hunde");
        assertThat(c.error.code()).isEqualTo("malformed_response");
    }

    @Test
    void droppedStreamEndsWithAnErrorAfterPartialDeltas() {
        stub.enqueue(new Drop(List.of("Die ", "Hundesteuer ")));
        Collected c = stream(provider(Duration.ofSeconds(5)), ask("Hallo"));
        assertThat(c.deltas).containsExactly("Die ", "Hundesteuer ");
        assertThat(c.result).isNull();
        assertThat(c.error.code()).isEqualTo("provider_unavailable");
    }

    @Test
    void errorEventInTheStreamEndsIt() {
        stub.enqueue(new StreamError(List.of("Die "), streamErrorType(), "Modell abgestürzt"));
        Collected c = stream(provider(Duration.ofSeconds(5)), ask("Hallo"));
        assertThat(c.deltas).containsExactly("Die ");
        assertThat(c.error.code()).isEqualTo(expectedStreamErrorCode());
        assertThat(c.error.getMessage()).contains("Modell abgestürzt");
    }

    @Test
    void oversizedAnswersAreRefused() {
        stub.enqueue(new ProviderStub.Huge(5 * 1024 * 1024), new ProviderStub.Huge(2 * 1024 * 1024));
        assertThat(catchThrowableOfType(ModelException.class, () -> provider(Duration.ofSeconds(10)).complete(ask("Hallo"))).code())
                .isEqualTo("malformed_response");
        Collected c = stream(provider(Duration.ofSeconds(10)), ask("Hallo"));
        assertThat(c.error.code()).isEqualTo("malformed_response");
        assertThat(c.deltas).isEmpty();
    }

    @Test
    void refusedConnectionIsUnavailable() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ModelProvider p = provider(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(5));
        assertThat(catchThrowableOfType(ModelException.class, () -> p.complete(ask("Hallo"))).code())
                .isEqualTo("provider_unavailable");
        assertThat(stream(p, ask("Hallo")).error.code()).isEqualTo("provider_unavailable");
    }

    @Test
    void cancelStopsTheStreamPromptly() throws Exception {
        stub.enqueue(new Stall(List.of("Erste ", "Worte "), 5000));
        Cancellation cancellation = new Cancellation();
        CountDownLatch firstDelta = new CountDownLatch(1);
        Collected c = new Collected();
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                Consumer<String> sink = d -> {
                    c.deltas.add(d);
                    firstDelta.countDown();
                };
                c.result = provider(Duration.ofSeconds(10)).stream(ask("Hallo"), sink, cancellation);
            } catch (ModelException e) {
                c.error = e;
            }
        });
        assertThat(firstDelta.await(5, TimeUnit.SECONDS)).isTrue();
        long start = System.nanoTime();
        cancellation.cancel();
        t.join(Duration.ofSeconds(3));
        assertThat(t.isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(c.error.code()).isEqualTo("cancelled");
    }

    @Test
    void missingModelIsRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> provider(Duration.ofSeconds(5)).complete(new ProviderCall(
                List.of(new ModelMessage(Role.USER, "Hallo")), null, null, null)))
                .isInstanceOf(ModelException.class);
        assertThat(stub.chatRequests.get()).isZero();
    }
}
