package de.wattos.llm.internal.anthropic;

import de.wattos.llm.ModelRequest.ModelMessage;
import de.wattos.llm.ModelRequest.ToolSpec;
import de.wattos.llm.ToolCall;
import de.wattos.llm.internal.http.ToolCallAssembly;
import de.wattos.llm.internal.spi.ToolCallDeltas;
import de.wattos.llm.internal.http.HttpModelProvider;
import de.wattos.llm.internal.http.ProviderHttp;
import de.wattos.llm.internal.http.SseParser;
import de.wattos.llm.internal.spi.ProviderCall;
import de.wattos.llm.internal.spi.ProviderException;
import de.wattos.llm.internal.spi.ProviderResult;
import de.wattos.llm.internal.spi.ProviderSettings;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Anthropic Messages API: {@code POST /v1/messages} with {@code x-api-key} and {@code anthropic-version}; the
 * system prompt is a top-level field, turns alternate user/assistant; streaming as typed SSE events
 * ({@code message_start}, {@code content_block_delta}, {@code message_delta}, {@code message_stop}, {@code error}).
 */
class AnthropicProvider extends HttpModelProvider {

    static final String API_VERSION = "2023-06-01";
    static final int DEFAULT_MAX_TOKENS = 1024;

    AnthropicProvider(ProviderSettings settings, ProviderHttp http, JsonMapper json) {
        super(settings, http, json);
    }

    private HttpRequest.Builder headers(HttpRequest.Builder b) {
        if (settings.apiKey() != null && !settings.apiKey().isBlank()) {
            b.header("x-api-key", settings.apiKey());
        }
        String version = settings.apiVersion() == null || settings.apiVersion().isBlank() ? API_VERSION : settings.apiVersion();
        return b.header("anthropic-version", version);
    }

    private String base() {
        String path = settings.baseUrl().getPath() == null ? "" : settings.baseUrl().getPath().replaceAll("/+$", "");
        return path.endsWith("/v1") ? "" : "/v1";
    }

    @Override
    protected HttpRequest chatRequest(ProviderCall call, boolean stream) {
        ObjectNode body = object();
        body.put("model", call.model());
        body.put("max_tokens", call.maxTokens() == null ? DEFAULT_MAX_TOKENS : call.maxTokens());
        StringBuilder system = new StringBuilder();
        ArrayNode messages = body.putArray("messages");
        boolean blocks = call.messages().stream().anyMatch(m -> m.role() == ModelMessage.Role.TOOL || !m.toolCalls().isEmpty());
        String lastRole = null;
        ObjectNode last = null;
        for (ModelMessage m : call.messages()) {
            String content = m.content() == null ? "" : m.content();
            if (m.role() == ModelMessage.Role.SYSTEM) {
                if (!system.isEmpty()) {
                    system.append("\n\n");
                }
                system.append(content);
                continue;
            }
            String role = m.role() == ModelMessage.Role.ASSISTANT ? "assistant" : "user";
            if (blocks) {
                // tool turns are content blocks: tool_use in the assistant turn, tool_result in the next user turn
                if (!role.equals(lastRole)) {
                    if (lastRole == null && role.equals("assistant")) {
                        messages.addObject().put("role", "user").put("content", "…");
                    }
                    last = messages.addObject().put("role", role);
                    last.putArray("content");
                    lastRole = role;
                }
                ArrayNode content2 = (ArrayNode) last.get("content");
                if (m.role() == ModelMessage.Role.TOOL) {
                    content2.addObject().put("type", "tool_result").put("tool_use_id", m.toolCallId()).put("content", content);
                    continue;
                }
                if (!content.isEmpty()) {
                    content2.addObject().put("type", "text").put("text", content);
                }
                for (ToolCall c : m.toolCalls()) {
                    ObjectNode use = content2.addObject().put("type", "tool_use").put("id", c.id()).put("name", c.name());
                    use.set("input", toolInput(c.arguments()));
                }
                continue;
            }
            if (role.equals(lastRole)) {
                // the API wants alternating turns: merge consecutive ones
                last.put("content", last.get("content").stringValue() + "\n\n" + content);
                continue;
            }
            if (lastRole == null && role.equals("assistant")) {
                messages.addObject().put("role", "user").put("content", "…");
            }
            last = messages.addObject().put("role", role).put("content", content);
            lastRole = role;
        }
        if (!system.isEmpty()) {
            body.put("system", system.toString());
        }
        if (call.temperature() != null) {
            body.put("temperature", Math.min(1.0, call.temperature()));
        }
        if (stream) {
            body.put("stream", true);
        }
        if (!call.tools().isEmpty() && call.responseSchema() == null) {
            ArrayNode tools = body.putArray("tools");
            for (ToolSpec t : call.tools()) {
                ObjectNode tool = tools.addObject().put("name", t.name()).put("description", t.description());
                tool.set("input_schema", json.valueToTree(t.parameters()));
            }
        }
        if (call.responseSchema() != null) {
            // Anthropic's structured output: one tool whose input schema is the wanted shape, and the model made to call it
            ObjectNode tool = body.putArray("tools").addObject().put("name", call.responseSchema().name())
                    .put("description", "Return the answer as this structure.");
            tool.set("input_schema", json.valueToTree(call.responseSchema().schema()));
            body.putObject("tool_choice").put("type", "tool").put("name", call.responseSchema().name());
        }
        HttpRequest.Builder b = post(resolve(base() + "/messages"), body);
        if (stream) {
            b.header("Accept", "text/event-stream");
        }
        return headers(b).build();
    }

    @Override
    protected ProviderResult parseCompletion(JsonNode body, ProviderCall call) {
        if ("error".equals(text(body.get("type")))) {
            throw errorEvent(body);
        }
        JsonNode content = body.get("content");
        if (content == null || !content.isArray()) {
            throw malformed("no content[] in the message");
        }
        StringBuilder text = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        content.forEach(block -> {
            if ("text".equals(text(block.get("type"))) && call.responseSchema() == null) {
                text.append(text(block.get("text")));
            } else if ("tool_use".equals(text(block.get("type"))) && call.responseSchema() != null && text.isEmpty()) {
                text.append(json.writeValueAsString(block.path("input")));
            } else if ("tool_use".equals(text(block.get("type")))) {
                calls.add(new ToolCall(text(block.get("id")), text(block.get("name")), json.writeValueAsString(block.path("input"))));
            }
        });
        JsonNode usage = body.path("usage");
        String answer = text.toString();
        return new ProviderResult(answer, orElse(text(body.get("model")), call.model()),
                intOr(usage.get("input_tokens"), estimateTokens(call.messages())),
                intOr(usage.get("output_tokens"), estimateTokens(answer)), finishReason(text(body.get("stop_reason"))), calls);
    }

    private static String finishReason(String stopReason) {
        if (stopReason == null) {
            return "stop";
        }
        return switch (stopReason) {
            case "max_tokens" -> "length";
            case "end_turn", "stop_sequence" -> "stop";
            case "tool_use" -> "tool_calls";
            default -> stopReason;
        };
    }

    private ProviderException errorEvent(JsonNode body) {
        JsonNode error = body.path("error");
        String type = text(error.get("type"));
        String message = text(error.get("message"));
        String code = switch (type == null ? "" : type) {
            case "overloaded_error" -> "provider_unavailable";
            case "rate_limit_error" -> "rate_limited";
            case "timeout_error" -> "timeout";
            default -> "provider_error";
        };
        return new ProviderException(code, "Provider error: " + message + (type == null ? "" : " (" + type + ")"));
    }

    @Override
    protected StreamReader streamReader(ProviderCall call, ToolCallDeltas toolDeltas) {
        return new StreamReader() {
            final StringBuilder text = new StringBuilder();
            final ToolCallAssembly calls = new ToolCallAssembly(toolDeltas);
            String model;
            String stopReason;
            int input = -1;
            int output = -1;
            boolean stopped;
            Consumer<String> sink;
            final SseParser sse = new SseParser(this::event);

            @Override
            public boolean line(String line, Consumer<String> onDelta) {
                sink = onDelta;
                return line == null ? sse.flush() : sse.line(line);
            }

            private boolean event(String event, String data) {
                JsonNode node;
                try {
                    node = json.readTree(data);
                } catch (JacksonException e) {
                    throw malformed("a stream event is not JSON");
                }
                if (node == null || !node.isObject()) {
                    throw malformed("a stream event is not a JSON object");
                }
                String type = text(node.get("type"));
                if (type == null) {
                    type = event;
                }
                switch (type) {
                    case "message_start" -> {
                        JsonNode message = node.path("message");
                        model = text(message.get("model"));
                        input = intOr(message.path("usage").get("input_tokens"), input);
                        output = intOr(message.path("usage").get("output_tokens"), output);
                    }
                    case "content_block_start" -> {
                        JsonNode block = node.path("content_block");
                        if ("tool_use".equals(text(block.get("type")))) {
                            calls.piece(intOr(node.get("index"), 0), text(block.get("id")), text(block.get("name")), null);
                        }
                    }
                    case "content_block_delta" -> {
                        JsonNode delta = node.path("delta");
                        if ("input_json_delta".equals(text(delta.get("type")))) {
                            calls.piece(intOr(node.get("index"), 0), null, null, text(delta.get("partial_json")));
                        } else if ("text_delta".equals(text(delta.get("type")))) {
                            String t = text(delta.get("text"));
                            if (t != null && !t.isEmpty()) {
                                text.append(t);
                                sink.accept(t);
                            }
                        }
                    }
                    case "message_delta" -> {
                        String reason = text(node.path("delta").get("stop_reason"));
                        if (reason != null) {
                            stopReason = reason;
                        }
                        output = intOr(node.path("usage").get("output_tokens"), output);
                        input = intOr(node.path("usage").get("input_tokens"), input);
                    }
                    case "message_stop" -> {
                        stopped = true;
                        return true;
                    }
                    case "error" -> throw errorEvent(node);
                    default -> {
                        // ping, content_block_stop and future event types
                    }
                }
                return false;
            }

            @Override
            public ProviderResult finish(boolean ended) {
                if (!stopped) {
                    throw new ProviderException("provider_unavailable", "The stream ended before the answer was complete");
                }
                String answer = text.toString();
                return new ProviderResult(answer, orElse(model, call.model()),
                        input >= 0 ? input : estimateTokens(call.messages()), output >= 0 ? output : estimateTokens(answer),
                        finishReason(stopReason), calls.calls());
            }
        };
    }

    /** The model's arguments as the object Anthropic wants back; text that is not a JSON object becomes {}. */
    private JsonNode toolInput(String arguments) {
        try {
            JsonNode node = json.readTree(arguments == null ? "{}" : arguments);
            return node != null && node.isObject() ? node : json.createObjectNode();
        } catch (JacksonException e) {
            return json.createObjectNode();
        }
    }

    @Override
    protected String errorMessage(JsonNode body) {
        JsonNode error = body.get("error");
        if (error == null || !error.isObject()) {
            return null;
        }
        String type = text(error.get("type"));
        return text(error.get("message")) + (type == null ? "" : " (" + type + ")");
    }

    @Override
    protected HttpRequest modelsRequest() {
        return headers(request(resolve(base() + "/models")).GET()).build();
    }

    @Override
    protected List<String> parseModels(JsonNode body) {
        return namesIn(body, "data", "id");
    }

}
