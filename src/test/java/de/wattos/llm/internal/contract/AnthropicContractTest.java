package de.wattos.llm.internal.contract;

import de.wattos.support.ProviderStub;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.llm.ModelRequest.ModelMessage;
import de.wattos.llm.ModelRequest.ModelMessage.Role;
import de.wattos.llm.internal.http.ProviderHttp;
import de.wattos.llm.internal.anthropic.AnthropicProviderFactory;
import de.wattos.llm.internal.spi.ModelProviderFactory;
import de.wattos.llm.internal.spi.ProviderCall;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AnthropicContractTest extends AbstractProviderContractTest {

    @Override
    protected ProviderStub newStub() {
        return new AnthropicStub();
    }

    @Override
    protected ModelProviderFactory factory(ProviderHttp http, JsonMapper json) {
        return new AnthropicProviderFactory(http, json);
    }

    @Override
    protected void assertChatRequest(ProviderStub.Received r, boolean stream) {
        assertThat(r.path()).isEqualTo("/v1/messages");
        JsonNode body = r.json();
        assertThat(body.path("model").asString()).isEqualTo("stub-model");
        assertThat(body.path("max_tokens").asInt()).isPositive();
        assertThat(body.path("stream").asBoolean(false)).isEqualTo(stream);
        assertThat(body.path("system").asString()).isEqualTo("Antworte kurz.");
        assertThat(body.path("messages").path(0).path("role").asString()).isEqualTo("user");
    }

    @Override
    protected void assertConversation(JsonNode body) {
        assertThat(body.path("system").asString()).isEqualTo("Du bist die Stadt Musterstadt.");
        JsonNode m = body.path("messages");
        assertThat(m.size()).isEqualTo(3);
        assertThat(m.path(0).path("role").asString()).isEqualTo("user");
        assertThat(m.path(1).path("role").asString()).isEqualTo("assistant");
        assertThat(m.path(2).path("content").asString()).isEqualTo("Wo ist das Rathaus?");
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(77);
    }

    @Override
    protected void assertAuthorized(ProviderStub.Received r) {
        assertThat(r.header("x-api-key")).isEqualTo(KEY);
        assertThat(r.header("anthropic-version")).isEqualTo("2023-06-01");
    }

    @Override
    protected String streamErrorType() {
        return "overloaded_error";
    }

    @Override
    protected String expectedStreamErrorCode() {
        return "provider_unavailable";
    }

    @Test
    void mergesConsecutiveTurnsOfTheSameRole() {
        provider(Duration.ofSeconds(5)).complete(new ProviderCall(List.of(new ModelMessage(Role.SYSTEM, "A"),
                new ModelMessage(Role.SYSTEM, "B"), new ModelMessage(Role.USER, "Frage eins"),
                new ModelMessage(Role.USER, "Frage zwei")), "stub-model", null, null));
        JsonNode body = stub.lastChat().json();
        assertThat(body.path("system").asString()).isEqualTo("A\n\nB");
        assertThat(body.path("messages").size()).isEqualTo(1);
        assertThat(body.path("messages").path(0).path("content").asString()).isEqualTo("Frage eins\n\nFrage zwei");
    }

    @Override
    protected JsonNode schemaIn(JsonNode body) {
        return body.path("tools").path(0).path("input_schema");
    }

    @Override
    protected java.util.Map<String, JsonNode> toolsIn(JsonNode body) {
        java.util.Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
        body.path("tools").forEach(t -> out.put(t.path("name").asString(), t.path("input_schema")));
        return out;
    }

    @Override
    protected void assertToolTurns(JsonNode body) {
        assertThat(body.path("system").asString()).isEqualTo("Antworte kurz.");
        JsonNode m = body.path("messages");
        assertThat(m.size()).isEqualTo(3);
        JsonNode use = m.path(1).path("content").path(0);
        assertThat(m.path(1).path("role").asString()).isEqualTo("assistant");
        assertThat(use.path("type").asString()).isEqualTo("tool_use");
        assertThat(use.path("id").asString()).isEqualTo("call_1");
        assertThat(use.path("input").path("query").asString()).isEqualTo("Hundesteuer");
        JsonNode result = m.path(2).path("content").path(0);
        assertThat(m.path(2).path("role").asString()).isEqualTo("user");
        assertThat(result.path("type").asString()).isEqualTo("tool_result");
        assertThat(result.path("tool_use_id").asString()).isEqualTo("call_1");
        assertThat(result.path("content").asString()).contains("96 Euro");
    }
}
