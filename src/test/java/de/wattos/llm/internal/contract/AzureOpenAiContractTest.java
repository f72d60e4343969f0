package de.wattos.llm.internal.contract;

import de.wattos.support.ProviderStub;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.llm.internal.http.ProviderHttp;
import de.wattos.llm.internal.openai.AzureOpenAiProviderFactory;
import de.wattos.llm.internal.spi.ModelProviderFactory;
import de.wattos.llm.internal.spi.ProviderResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AzureOpenAiContractTest extends AbstractProviderContractTest {

    @Override
    protected ProviderStub newStub() {
        return new AzureOpenAiStub();
    }

    @Override
    protected ModelProviderFactory factory(ProviderHttp http, JsonMapper json) {
        return new AzureOpenAiProviderFactory(http, json);
    }

    @Override
    protected void assertChatRequest(ProviderStub.Received r, boolean stream) {
        assertThat(r.path()).isEqualTo("/openai/deployments/stub-model/chat/completions");
        assertThat(r.query()).isEqualTo("api-version=2024-10-21");
        assertThat(r.json().has("model")).isFalse();
        assertThat(r.json().path("stream").asBoolean()).isEqualTo(stream);
    }

    @Override
    protected void assertConversation(JsonNode body) {
        assertThat(body.path("messages").size()).isEqualTo(4);
        assertThat(body.path("messages").path(0).path("role").asString()).isEqualTo("system");
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(77);
    }

    @Override
    protected void assertAuthorized(ProviderStub.Received r) {
        assertThat(r.header("api-key")).isEqualTo(KEY);
        assertThat(r.header("authorization")).isNull();
        assertThat(r.query()).contains("api-version=");
    }

    @Test
    void reportsTheUnderlyingModelOfTheDeployment() {
        ProviderResult r = provider(Duration.ofSeconds(5)).complete(ask("Hallo"));
        assertThat(r.model()).isEqualTo("gpt-4o-2024-08-06");
    }

    @Override
    protected JsonNode schemaIn(JsonNode body) {
        return body.path("response_format").path("json_schema").path("schema");
    }
    @Override
    protected java.util.Map<String, JsonNode> toolsIn(JsonNode body) {
        java.util.Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
        body.path("tools").forEach(t -> {
            assertThat(t.path("type").asString()).isEqualTo("function");
            out.put(t.path("function").path("name").asString(), t.path("function").path("parameters"));
        });
        return out;
    }

    @Override
    protected void assertToolTurns(JsonNode body) {
        JsonNode m = body.path("messages");
        assertThat(m.size()).isEqualTo(4);
        JsonNode call = m.path(2).path("tool_calls").path(0);
        assertThat(m.path(2).path("role").asString()).isEqualTo("assistant");
        assertThat(call.path("id").asString()).isEqualTo("call_1");
        assertThat(call.path("function").path("name").asString()).isEqualTo("knowledge_search");
        assertThat(call.path("function").path("arguments").asString()).isEqualTo("{\"query\":\"Hundesteuer\"}");
        assertThat(m.path(3).path("role").asString()).isEqualTo("tool");
        assertThat(m.path(3).path("tool_call_id").asString()).isEqualTo("call_1");
        assertThat(m.path(3).path("content").asString()).contains("96 Euro");
    }
}
