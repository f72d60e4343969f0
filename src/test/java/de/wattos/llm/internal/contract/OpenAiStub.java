package de.wattos.llm.internal.contract;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** OpenAI Chat Completions on the wire (as OpenAI, vLLM, LiteLLM serve it). */
public class OpenAiStub extends ProviderStub {

    @Override
    protected boolean isChat(Received r) {
        return r.method().equals("POST") && r.path().equals("/v1/chat/completions");
    }

    @Override
    protected boolean isModels(Received r) {
        return r.method().equals("GET") && r.path().equals("/v1/models");
    }

    @Override
    protected boolean wantsStream(Received r) {
        return r.json().path("stream").asBoolean(false);
    }

    protected String model(Received r, Answer a) {
        return a != null && a.model() != null ? a.model() : r.json().path("model").asString("gpt-stub");
    }

    @Override
    protected String syncBody(Answer a, Received r) {
        return json(Map.of("id", "chatcmpl-1", "object", "chat.completion", "created", 1700000000, "model", model(r, a),
                "choices", List.of(Map.of("index", 0, "message", Map.of("role", "assistant", "content", a.text()),
                        "finish_reason", "stop")),
                "usage", Map.of("prompt_tokens", a.inputTokens(), "completion_tokens", a.outputTokens(),
                        "total_tokens", a.inputTokens() + a.outputTokens())));
    }

    @Override
    protected String errorBody(Failure f) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", f.message());
        error.put("type", f.type());
        error.put("param", null);
        error.put("code", null);
        return json(Map.of("error", error));
    }

    private String chunk(Received r, Map<String, Object> delta, String finish) {
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("delta", delta);
        choice.put("finish_reason", finish);
        return "data: " + json(Map.of("id", "chatcmpl-1", "object", "chat.completion.chunk", "created", 1700000000,
                "model", model(r, null), "choices", List.of(choice))) + "\n\n";
    }

    @Override
    protected String streamStart(Received r) {
        return chunk(r, Map.of("role", "assistant", "content", ""), null);
    }

    @Override
    protected String streamDelta(String delta, Received r) {
        return chunk(r, Map.of("content", delta), null);
    }

    @Override
    protected String streamEnd(Answer a, Received r) {
        String end = chunk(r, Map.of(), "stop");
        if (r.json().path("stream_options").path("include_usage").asBoolean(false)) {
            end += "data: " + json(Map.of("id", "chatcmpl-1", "object", "chat.completion.chunk", "model", model(r, a),
                    "choices", List.of(), "usage", Map.of("prompt_tokens", a.inputTokens(),
                            "completion_tokens", a.outputTokens(), "total_tokens", a.inputTokens() + a.outputTokens()))) + "\n\n";
        }
        return end + "data: [DONE]\n\n";
    }

    @Override
    protected String streamErrorFrame(String type, String message) {
        return "data: " + json(Map.of("error", Map.of("message", message, "type", type))) + "\n\n";
    }

    @Override
    protected String garbageFrame() {
        return "data: {\"id\": \"chatcmpl-1\", \"choices\": [ {oops\n\n";
    }

    @Override
    protected String modelsBody(List<String> models) {
        return json(Map.of("object", "list", "data", models.stream()
                .map(m -> Map.of("id", m, "object", "model", "created", 1700000000, "owned_by", "stub")).toList()));
    }

    @Override
    protected String toolCallsBody(Calls calls, Received r) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", "assistant");
        message.put("content", null);
        message.put("tool_calls", calls.calls().stream().map(c -> Map.of("id", c.id(), "type", "function",
                "function", Map.of("name", c.name(), "arguments", c.arguments()))).toList());
        return json(Map.of("id", "chatcmpl-2", "object", "chat.completion", "created", 1700000000, "model", model(r, null),
                "choices", List.of(Map.of("index", 0, "message", message, "finish_reason", "tool_calls")),
                "usage", Map.of("prompt_tokens", 50, "completion_tokens", 12, "total_tokens", 62)));
    }

    @Override
    protected String toolCallsStream(Calls calls, Received r) {
        StringBuilder out = new StringBuilder(chunk(r, Map.of("role", "assistant", "content", ""), null));
        for (int i = 0; i < calls.calls().size(); i++) {
            StubCall c = calls.calls().get(i);
            out.append(chunk(r, Map.of("tool_calls", List.of(Map.of("index", i, "id", c.id(), "type", "function",
                    "function", Map.of("name", c.name(), "arguments", "")))), null));
            for (String piece : c.pieces()) {
                out.append(chunk(r, Map.of("tool_calls", List.of(Map.of("index", i, "function", Map.of("arguments", piece)))), null));
            }
        }
        out.append(chunk(r, Map.of(), "tool_calls"));
        return out + "data: [DONE]\n\n";
    }
}
