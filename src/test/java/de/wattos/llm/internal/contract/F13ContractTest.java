package de.wattos.llm.internal.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import de.wattos.f13.internal.F13ModelProviderFactory;
import de.wattos.f13.internal.F13Properties;
import de.wattos.llm.ModelException;
import de.wattos.llm.ModelRequest.ModelMessage;
import de.wattos.llm.ModelRequest.ModelMessage.Role;
import de.wattos.llm.internal.http.ProviderHttp;
import de.wattos.llm.internal.spi.ModelProvider;
import de.wattos.llm.internal.spi.ModelProviderFactory;
import de.wattos.llm.internal.spi.ProviderCall;
import de.wattos.llm.internal.spi.ProviderException;
import de.wattos.llm.internal.spi.ProviderSettings;
import de.wattos.support.ProviderStub;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * F13 through the gateway's contract, against a loopback F13 with its Keycloak token endpoint. What F13 cannot do
 * (function calling, structured output) is refused before anything is sent, so the gateway asks the next provider;
 * F13's own limits (no {@code system} role, at most 100 messages) are met before sending.
 */
class F13ContractTest extends AbstractProviderContractTest {

    private static final String CLIENT = "wattos:geheim";
    private static final ProviderHttp OWN_HTTP = new ProviderHttp(de.wattos.llm.internal.LlmProperties.defaults());
    private String key = CLIENT;

    @Override
    protected ProviderStub newStub() {
        return new F13Stub();
    }

    private F13Stub f13() {
        return (F13Stub) stub;
    }

    private ModelProviderFactory factory;

    @Override
    protected ModelProviderFactory factory(ProviderHttp http, JsonMapper json) {
        if (factory == null) { // one factory per test: its token cache lives as long as the stub
            factory = new F13ModelProviderFactory(http, json, F13Properties.defaults());
        }
        return factory;
    }

    @Override
    protected ModelProvider provider(URI base, Duration timeout) {
        ModelProviderFactory f = factory(OWN_HTTP, JSON);
        return f.create(new ProviderSettings("f13", "f13", base, key, null, model(), List.of(), timeout));
    }

    @Override
    protected void assertChatRequest(ProviderStub.Received r, boolean stream) {
        assertThat(r.path()).isEqualTo(stream ? "/chat/completion/stream" : "/chat/completion");
        assertThat(r.json().path("language_model").asString()).isEqualTo("stub-model");
        assertThat(r.json().path("messages").path(0).path("role").asString()).isEqualTo("user");
    }

    @Override
    protected void assertConversation(JsonNode body) {
        JsonNode m = body.path("messages");
        assertThat(m.size()).as("the system prompt travels in the first user message").isEqualTo(3);
        assertThat(m.path(0).path("role").asString()).isEqualTo("user");
        assertThat(m.path(0).path("content").asString()).isEqualTo("Du bist die Stadt Musterstadt.\n\nHallo");
        assertThat(m.path(1).path("role").asString()).isEqualTo("assistant");
        assertThat(m.path(2).path("content").asString()).isEqualTo("Wo ist das Rathaus?");
        assertThat(body.has("temperature")).as("not known to F13: not sent").isFalse();
    }

    @Override
    protected void assertAuthorized(ProviderStub.Received r) {
        assertThat(r.header("authorization")).startsWith("Bearer f13-token-");
    }

    @Override
    protected JsonNode schemaIn(JsonNode body) {
        throw new UnsupportedOperationException();
    }

    @Override
    protected Map<String, JsonNode> toolsIn(JsonNode body) {
        throw new UnsupportedOperationException();
    }

    @Override
    protected void assertToolTurns(JsonNode body) {
        throw new UnsupportedOperationException();
    }

    private void assertRefusedBeforeSending(Runnable call, String what) {
        ProviderException e = catchThrowableOfType(ProviderException.class, call::run);
        assertThat(e.code()).isEqualTo("provider_error");
        assertThat(e.getMessage()).contains(what);
        assertThat(stub.chatRequests.get()).isZero();
    }

    private static final List<de.wattos.llm.ModelRequest.ToolSpec> TOOL = List.of(new de.wattos.llm.ModelRequest.ToolSpec(
            "knowledge_search", "Sucht", Map.of("type", "object")));

    @Test
    @Override
    void offersToolsAndReturnsTheCallsTheModelMakes() {
        assertRefusedBeforeSending(() -> provider(Duration.ofSeconds(5)).complete(new ProviderCall(
                List.of(new ModelMessage(Role.USER, "Hundesteuer?")), "stub-model", null, null, null, TOOL)), "function calling");
    }

    @Test
    @Override
    void streamedToolCallDeltasAssembleIntoCalls() {
        assertRefusedBeforeSending(() -> provider(Duration.ofSeconds(5)).stream(new ProviderCall(
                List.of(new ModelMessage(Role.USER, "Hundesteuer?")), "stub-model", null, null, null, TOOL), d -> { },
                new de.wattos.llm.internal.spi.Cancellation()), "function calling");
    }

    @Test
    @Override
    void sendsToolCallsAndTheirResultsBack() {
        de.wattos.llm.ToolCall call = new de.wattos.llm.ToolCall("call_1", "knowledge_search", "{}");
        assertRefusedBeforeSending(() -> provider(Duration.ofSeconds(5)).complete(new ProviderCall(List.of(
                new ModelMessage(Role.USER, "Hundesteuer?"), ModelMessage.toolCalls("", List.of(call)),
                ModelMessage.toolResult(call, "96 Euro")), "stub-model", null, null)), "function calling");
    }

    @Test
    @Override
    void structuredOutputSendsTheSchemaAndReturnsTheJsonObject() {
        var schema = new de.wattos.llm.ModelRequest.JsonSchema("character", Map.of("type", "object"));
        assertRefusedBeforeSending(() -> provider(Duration.ofSeconds(5)).complete(new ProviderCall(
                List.of(new ModelMessage(Role.USER, "Lena")), "stub-model", null, null, schema)), "structured output");
    }

    // ---------------------------------------------------------------- F13's own rules

    @Test
    void aLongHistoryIsCutToF13sLimitKeepingTheSystemPromptAndTheLatestQuestion() {
        List<ModelMessage> messages = new ArrayList<>();
        messages.add(new ModelMessage(Role.SYSTEM, "Du bist die Stadt Musterstadt."));
        for (int i = 1; i <= 150; i++) {
            messages.add(new ModelMessage(i % 2 == 1 ? Role.USER : Role.ASSISTANT, "Nachricht " + i));
        }
        messages.add(new ModelMessage(Role.USER, "Wo ist das Rathaus?"));
        assertThat(provider(Duration.ofSeconds(5)).complete(new ProviderCall(messages, "stub-model", null, null)).text())
                .isEqualTo("Hallo Welt");
        JsonNode sent = stub.lastChat().json().path("messages");
        assertThat(sent.size()).isLessThanOrEqualTo(100).isGreaterThanOrEqualTo(99);
        assertThat(sent.path(0).path("role").asString()).isEqualTo("user");
        assertThat(sent.path(0).path("content").asString()).startsWith("Du bist die Stadt Musterstadt.\n\nNachricht ");
        assertThat(sent.path(sent.size() - 1).path("content").asString()).isEqualTo("Wo ist das Rathaus?");
    }

    @Test
    void f13sRefusalsAndItsPermissionServiceBeingDownAreRecordedProviderErrors() {
        stub.enqueue(new ProviderStub.Failure(422, "validation", "Unprocessable Entity: messages", null),
                new ProviderStub.Failure(503, "unavailable", "Permission service unavailable", null));
        ProviderException refused = catchThrowableOfType(ProviderException.class,
                () -> provider(Duration.ofSeconds(5)).complete(ask("Hallo")));
        assertThat(refused.code()).isEqualTo("provider_error");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.getMessage()).contains("Unprocessable Entity: messages");
        Collected down = stream(provider(Duration.ofSeconds(5)), ask("Hallo"));
        assertThat(down.error.code()).isEqualTo("provider_unavailable");
        assertThat(down.error.getMessage()).contains("Permission service unavailable");
    }

    @Test
    void oneTokenServesManyCallsAndARefusedTokenIsFetchedAgain() {
        ModelProvider p = provider(Duration.ofSeconds(5));
        p.complete(ask("eins"));
        p.complete(ask("zwei"));
        p.listModels();
        assertThat(f13().tokensIssued.get()).isEqualTo(1);
        f13().valid.clear(); // F13's gateway no longer accepts the cached token
        ProviderException e = catchThrowableOfType(ProviderException.class, () -> p.complete(ask("drei")));
        assertThat(e.status()).isEqualTo(401);
        assertThat(p.complete(ask("vier")).text()).isEqualTo("Hallo Welt");
        assertThat(f13().tokensIssued.get()).isEqualTo(2);
    }

    @Test
    void guestModeSendsNoTokenAndAsksKeycloakNothing() {
        key = null;
        f13().guest = true;
        assertThat(provider(Duration.ofSeconds(5)).complete(ask("Hallo")).text()).isEqualTo("Hallo Welt");
        assertThat(stub.lastChat().header("authorization")).isNull();
        assertThat(f13().tokensIssued.get()).isZero();
    }

    @Test
    void aWrongClientSecretIsAProviderErrorWithKeycloaksReason() {
        key = "wattos:falsch";
        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> provider(Duration.ofSeconds(5)).complete(ask("Hallo")));
        assertThat(e.code()).isEqualTo("provider_error");
        assertThat(e.getMessage()).contains("Invalid client").doesNotContain("falsch");
        assertThat(stub.chatRequests.get()).isZero();
    }

    @Test
    void aKeyThatIsNoKeycloakClientIsAProviderErrorNotACrash() {
        key = "nur-ein-schluessel";
        ModelException e = catchThrowableOfType(ModelException.class,
                () -> provider(Duration.ofSeconds(5)).complete(ask("Hallo")));
        assertThat(e.code()).isEqualTo("provider_error");
        assertThat(e.getMessage()).contains("<clientId>:<clientSecret>").doesNotContain("nur-ein-schluessel");
    }
}
