package de.wattos.llm.internal.contract;

import de.wattos.support.ProviderStub;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.llm.internal.http.ProviderHttp;
import de.wattos.llm.internal.ollama.OllamaProviderFactory;
import de.wattos.llm.internal.spi.ModelProviderFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class OllamaContractTest extends AbstractProviderContractTest {

    @Override
    protected ProviderStub newStub() {
        return new OllamaStub();
    }

    @Override
    protected ModelProviderFactory factory(ProviderHttp http, JsonMapper json) {
        return new OllamaProviderFactory(http, json);
    }

    @Override
    protected void assertChatRequest(ProviderStub.Received r, boolean stream) {
        assertThat(r.path()).isEqualTo("/api/chat");
        assertThat(r.json().path("model").asString()).isEqualTo("stub-model");
        assertThat(r.json().path("stream").asBoolean()).isEqualTo(stream);
    }

    @Override
    protected void assertConversation(JsonNode body) {
        JsonNode m = body.path("messages");
        assertThat(m.size()).isEqualTo(4);
        assertThat(m.path(0).path("role").asString()).isEqualTo("system");
        assertThat(m.path(2).path("role").asString()).isEqualTo("assistant");
        assertThat(body.path("options").path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.path("options").path("num_predict").asInt()).isEqualTo(77);
    }

    @Override
    protected void assertAuthorized(ProviderStub.Received r) {
        // Ollama has no auth of its own; a configured key goes to a reverse proxy as a bearer token
        assertThat(r.header("authorization")).isEqualTo("Bearer " + KEY);
    }

    @Override
    protected JsonNode schemaIn(JsonNode body) {
        return body.path("format");
    }

    @Override
    protected java.util.Map<String, JsonNode> toolsIn(JsonNode body) {
        java.util.Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
        body.path("tools").forEach(t -> out.put(t.path("function").path("name").asString(), t.path("function").path("parameters")));
        return out;
    }

    @Override
    protected void assertToolTurns(JsonNode body) {
        JsonNode m = body.path("messages");
        assertThat(m.size()).isEqualTo(4);
        JsonNode call = m.path(2).path("tool_calls").path(0).path("function");
        assertThat(call.path("name").asString()).isEqualTo("knowledge_search");
        assertThat(call.path("arguments").path("query").asString()).isEqualTo("Hundesteuer");
        assertThat(m.path(3).path("role").asString()).isEqualTo("tool");
        assertThat(m.path(3).path("tool_name").asString()).isEqualTo("knowledge_search");
        assertThat(m.path(3).path("content").asString()).contains("96 Euro");
    }

    @Override
    protected boolean streamsArgumentsInPieces() {
        return false;
    }
}
