package de.wattos.llm.internal.contract;

import de.wattos.support.ProviderStub;
import de.wattos.support.OpenAiStub;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.llm.internal.http.ProviderHttp;
import de.wattos.llm.internal.openai.OpenAiProviderFactory;
import de.wattos.llm.internal.spi.ModelProviderFactory;
import de.wattos.llm.internal.spi.ProviderResult;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class OpenAiContractTest extends AbstractProviderContractTest {

    @Override
    protected ProviderStub newStub() {
        return new OpenAiStub();
    }

    @Override
    protected ModelProviderFactory factory(ProviderHttp http, JsonMapper json) {
        return new OpenAiProviderFactory(http, json);
    }

    @Override
    protected void assertChatRequest(ProviderStub.Received r, boolean stream) {
        assertThat(r.path()).isEqualTo("/v1/chat/completions");
        assertThat(r.header("content-type")).isEqualTo("application/json");
        JsonNode body = r.json();
        assertThat(body.path("model").asString()).isEqualTo("stub-model");
        assertThat(body.path("stream").asBoolean()).isEqualTo(stream);
        if (stream) {
            assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
        }
    }

    @Override
    protected void assertConversation(JsonNode body) {
        JsonNode m = body.path("messages");
        assertThat(m.size()).isEqualTo(4);
        assertThat(m.path(0).path("role").asString()).isEqualTo("system");
        assertThat(m.path(0).path("content").asString()).isEqualTo("Du bist die Stadt Musterstadt.");
        assertThat(m.path(2).path("role").asString()).isEqualTo("assistant");
        assertThat(m.path(3).path("content").asString()).isEqualTo("Wo ist das Rathaus?");
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(77);
    }

    @Override
    protected void assertAuthorized(ProviderStub.Received r) {
        assertThat(r.header("authorization")).isEqualTo("Bearer " + KEY);
    }

    @Test
    void aServerThatRejectsStreamOptionsIsAskedWithoutThem() {
        stub.enqueue(new ProviderStub.Failure(400, "invalid_request_error",
                "Unrecognized request argument supplied: stream_options", null));
        var provider = provider(Duration.ofSeconds(5));
        Collected c = stream(provider, ask("Hallo"));
        assertThat(c.error).isNull();
        assertThat(c.result.text()).isEqualTo("Hallo Welt");
        assertThat(c.result.outputTokens()).as("estimated").isPositive();
        assertThat(stub.chatRequests.get()).isEqualTo(2);
        assertThat(stub.lastChat().json().has("stream_options")).isFalse();
        stream(provider, ask("Nochmal"));
        assertThat(stub.lastChat().json().has("stream_options")).as("remembered").isFalse();
    }

    @Test
    void acceptsBaseUrlsWithVersionSegment() {
        ProviderResult r = provider(URI.create(stub.baseUri() + "/v1/"), Duration.ofSeconds(5)).complete(ask("Hallo"));
        assertThat(r.text()).isEqualTo("Hallo Welt");
        assertThat(stub.lastChat().path()).isEqualTo("/v1/chat/completions");
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
