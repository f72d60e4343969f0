package de.wattos.llm.internal.contract;

import de.wattos.support.ProviderStub;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Ollama's /api/chat with newline-delimited JSON streaming and /api/tags. */
public class OllamaStub extends ProviderStub {

    @Override
    protected boolean isChat(Received r) {
        return r.method().equals("POST") && r.path().equals("/api/chat");
    }

    @Override
    protected boolean isModels(Received r) {
        return r.method().equals("GET") && r.path().equals("/api/tags");
    }

    @Override
    protected boolean wantsStream(Received r) {
        return r.json().path("stream").asBoolean(true); // Ollama streams unless told not to
    }

    private static String model(Received r) {
        return r.json().path("model").asString("llama-stub");
    }

    @Override
    protected String streamContentType() {
        return "application/x-ndjson";
    }

    private static Map<String, Object> base(Received r, String content, boolean done) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model(r));
        m.put("created_at", "2025-01-01T00:00:00.000Z");
        m.put("message", Map.of("role", "assistant", "content", content));
        m.put("done", done);
        return m;
    }

    @Override
    protected String syncBody(Answer a, Received r) {
        Map<String, Object> m = base(r, a.text(), true);
        m.put("done_reason", "stop");
        m.put("total_duration", 123456);
        m.put("prompt_eval_count", a.inputTokens());
        m.put("eval_count", a.outputTokens());
        return json(m);
    }

    @Override
    protected String errorBody(Failure f) {
        return json(Map.of("error", f.message()));
    }

    @Override
    protected String streamStart(Received r) {
        return "";
    }

    @Override
    protected String streamDelta(String delta, Received r) {
        return json(base(r, delta, false)) + "\n";
    }

    @Override
    protected String streamEnd(Answer a, Received r) {
        Map<String, Object> m = base(r, "", true);
        m.put("done_reason", "stop");
        m.put("prompt_eval_count", a.inputTokens());
        m.put("eval_count", a.outputTokens());
        return json(m) + "\n";
    }

    @Override
    protected String streamErrorFrame(String type, String message) {
        return json(Map.of("error", message)) + "\n";
    }

    @Override
    protected String garbageFrame() {
        return "{\"model\": \"llama-stub\", \"message\": {oops\n";
    }

    @Override
    protected String modelsBody(List<String> models) {
        return json(Map.of("models", models.stream().map(m -> Map.of("name", m, "model", m, "size", 1234,
                "digest", "sha256:0")).toList()));
    }

    private static Map<String, Object> withCalls(Received r, Calls calls, boolean done) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model(r));
        m.put("created_at", "2025-01-01T00:00:00.000Z");
        m.put("message", Map.of("role", "assistant", "content", "", "tool_calls", calls.calls().stream()
                .map(c -> Map.of("function", Map.of("name", c.name(), "arguments", JSON.readTree(c.arguments())))).toList()));
        m.put("done", done);
        return m;
    }

    @Override
    protected String toolCallsBody(Calls calls, Received r) {
        Map<String, Object> m = withCalls(r, calls, true);
        m.put("done_reason", "stop");
        m.put("prompt_eval_count", 50);
        m.put("eval_count", 12);
        return json(m);
    }

    @Override
    protected String toolCallsStream(Calls calls, Received r) {
        Map<String, Object> end = base(r, "", true);
        end.put("done_reason", "stop");
        end.put("prompt_eval_count", 50);
        end.put("eval_count", 12);
        return json(withCalls(r, calls, false)) + "\n" + json(end) + "\n";
    }
}
