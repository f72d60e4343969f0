package de.wattos.llm.internal.contract;

import de.wattos.support.ProviderStub;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Anthropic Messages API on the wire, including its typed SSE events. */
public class AnthropicStub extends ProviderStub {

    @Override
    protected boolean isChat(Received r) {
        return r.method().equals("POST") && r.path().equals("/v1/messages");
    }

    @Override
    protected boolean isModels(Received r) {
        return r.method().equals("GET") && r.path().equals("/v1/models");
    }

    @Override
    protected boolean wantsStream(Received r) {
        return r.json().path("stream").asBoolean(false);
    }

    private static String model(Received r) {
        return r.json().path("model").asString("claude-stub");
    }

    @Override
    protected String syncBody(Answer a, Received r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", "msg_01");
        body.put("type", "message");
        body.put("role", "assistant");
        body.put("model", model(r));
        String tool = r.json().path("tool_choice").path("name").asString(null);
        if (tool != null) {
            // a forced tool: the structured answer arrives as the tool call's input object
            body.put("content", List.of(Map.of("type", "tool_use", "id", "toolu_01", "name", tool,
                    "input", tools.jackson.databind.json.JsonMapper.builder().build().readTree(a.text()))));
            body.put("stop_reason", "tool_use");
        } else {
            body.put("content", List.of(Map.of("type", "text", "text", a.text())));
            body.put("stop_reason", "end_turn");
        }
        body.put("stop_sequence", null);
        body.put("usage", Map.of("input_tokens", a.inputTokens(), "output_tokens", a.outputTokens()));
        return json(body);
    }

    @Override
    protected String errorBody(Failure f) {
        return json(Map.of("type", "error", "error", Map.of("type", f.type(), "message", f.message())));
    }

    private static String event(String name, Object data) {
        return "event: " + name + "\ndata: " + json(data) + "\n\n";
    }

    @Override
    protected String streamStart(Received r) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", "msg_01");
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("content", List.of());
        message.put("model", model(r));
        message.put("stop_reason", null);
        message.put("usage", Map.of("input_tokens", 42, "output_tokens", 1));
        return event("message_start", Map.of("type", "message_start", "message", message))
                + event("content_block_start", Map.of("type", "content_block_start", "index", 0,
                        "content_block", Map.of("type", "text", "text", "")))
                + event("ping", Map.of("type", "ping"));
    }

    @Override
    protected String streamDelta(String delta, Received r) {
        return event("content_block_delta", Map.of("type", "content_block_delta", "index", 0,
                "delta", Map.of("type", "text_delta", "text", delta)));
    }

    @Override
    protected String streamEnd(Answer a, Received r) {
        Map<String, Object> delta = new LinkedHashMap<>();
        delta.put("stop_reason", "end_turn");
        delta.put("stop_sequence", null);
        return event("content_block_stop", Map.of("type", "content_block_stop", "index", 0))
                + event("message_delta", Map.of("type", "message_delta", "delta", delta,
                        "usage", Map.of("output_tokens", a.outputTokens())))
                + event("message_stop", Map.of("type", "message_stop"));
    }

    @Override
    protected String streamErrorFrame(String type, String message) {
        return event("error", Map.of("type", "error", "error", Map.of("type", type, "message", message)));
    }

    @Override
    protected String garbageFrame() {
        return "event: content_block_delta\ndata: {\"type\": \"content_block_delta\", \"delta\": {oops\n\n";
    }

    @Override
    protected String modelsBody(List<String> models) {
        return json(Map.of("data", models.stream().map(m -> Map.of("type", "model", "id", m, "display_name", m,
                "created_at", "2025-01-01T00:00:00Z")).toList(), "has_more", false));
    }

    @Override
    protected String toolCallsBody(Calls calls, Received r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", "msg_02");
        body.put("type", "message");
        body.put("role", "assistant");
        body.put("model", model(r));
        body.put("content", calls.calls().stream().map(c -> Map.of("type", "tool_use", "id", c.id(), "name", c.name(),
                "input", JSON.readTree(c.arguments()))).toList());
        body.put("stop_reason", "tool_use");
        body.put("stop_sequence", null);
        body.put("usage", Map.of("input_tokens", 50, "output_tokens", 12));
        return json(body);
    }

    @Override
    protected String toolCallsStream(Calls calls, Received r) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", "msg_02");
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("content", List.of());
        message.put("model", model(r));
        message.put("stop_reason", null);
        message.put("usage", Map.of("input_tokens", 50, "output_tokens", 1));
        StringBuilder out = new StringBuilder(event("message_start", Map.of("type", "message_start", "message", message)));
        for (int i = 0; i < calls.calls().size(); i++) {
            StubCall c = calls.calls().get(i);
            out.append(event("content_block_start", Map.of("type", "content_block_start", "index", i,
                    "content_block", Map.of("type", "tool_use", "id", c.id(), "name", c.name(), "input", Map.of()))));
            for (String piece : c.pieces()) {
                out.append(event("content_block_delta", Map.of("type", "content_block_delta", "index", i,
                        "delta", Map.of("type", "input_json_delta", "partial_json", piece))));
            }
            out.append(event("content_block_stop", Map.of("type", "content_block_stop", "index", i)));
        }
        Map<String, Object> delta = new LinkedHashMap<>();
        delta.put("stop_reason", "tool_use");
        delta.put("stop_sequence", null);
        return out + event("message_delta", Map.of("type", "message_delta", "delta", delta, "usage", Map.of("output_tokens", 12)))
                + event("message_stop", Map.of("type", "message_stop"));
    }
}
