package de.wattos.llm.internal.ollama;

import de.wattos.llm.ModelRequest.ModelMessage;
import de.wattos.llm.ModelRequest.ToolSpec;
import de.wattos.llm.ToolCall;
import de.wattos.llm.internal.http.ToolCallAssembly;
import de.wattos.llm.internal.spi.ToolCallDeltas;
import de.wattos.llm.internal.http.HttpModelProvider;
import de.wattos.llm.internal.http.ProviderHttp;
import de.wattos.llm.internal.spi.ProviderCall;
import de.wattos.llm.internal.spi.ProviderException;
import de.wattos.llm.internal.spi.ProviderResult;
import de.wattos.llm.internal.spi.ProviderSettings;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Ollama: {@code POST /api/chat}, streaming as newline-delimited JSON objects until one says {@code "done": true};
 * errors as {@code {"error": "…"}} (also as a line mid-stream); {@code GET /api/tags} lists models.
 */
class OllamaProvider extends HttpModelProvider {

    OllamaProvider(ProviderSettings settings, ProviderHttp http, JsonMapper json) {
        super(settings, http, json);
    }

    private HttpRequest.Builder authorize(HttpRequest.Builder b) {
        // plain Ollama has no auth; a reverse proxy in front of it often wants a bearer token
        if (settings.apiKey() != null && !settings.apiKey().isBlank()) {
            b.header("Authorization", "Bearer " + settings.apiKey());
        }
        return b;
    }

    @Override
    protected HttpRequest chatRequest(ProviderCall call, boolean stream) {
        ObjectNode body = object();
        body.put("model", call.model());
        ArrayNode messages = body.putArray("messages");
        for (ModelMessage m : call.messages()) {
            ObjectNode message = messages.addObject().put("role", role(m.role())).put("content", m.content() == null ? "" : m.content());
            if (m.role() == ModelMessage.Role.TOOL && m.toolName() != null) {
                message.put("tool_name", m.toolName());
            }
            if (!m.toolCalls().isEmpty()) {
                ArrayNode calls = message.putArray("tool_calls");
                for (ToolCall c : m.toolCalls()) {
                    ObjectNode function = calls.addObject().putObject("function").put("name", c.name());
                    function.set("arguments", argumentsObject(c.arguments()));
                }
            }
        }
        if (!call.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolSpec t : call.tools()) {
                ObjectNode function = tools.addObject().put("type", "function").putObject("function");
                function.put("name", t.name()).put("description", t.description());
                function.set("parameters", json.valueToTree(t.parameters()));
            }
        }
        body.put("stream", stream);
        if (call.responseSchema() != null) {
            body.set("format", json.valueToTree(call.responseSchema().schema()));
        }
        if (call.temperature() != null || call.maxTokens() != null) {
            ObjectNode options = body.putObject("options");
            if (call.temperature() != null) {
                options.put("temperature", call.temperature());
            }
            if (call.maxTokens() != null) {
                options.put("num_predict", call.maxTokens());
            }
        }
        return authorize(post(resolve("/api/chat"), body)).build();
    }

    @Override
    protected ProviderResult parseCompletion(JsonNode body, ProviderCall call) {
        if (body.has("error")) {
            throw new ProviderException("provider_error", "Provider error: " + text(body.get("error")));
        }
        JsonNode content = body.path("message").get("content");
        if (content == null || !content.isString()) {
            throw malformed("no message.content");
        }
        String text = content.stringValue();
        ToolCallAssembly calls = new ToolCallAssembly(ToolCallDeltas.NONE);
        collectCalls(body, calls);
        return new ProviderResult(text, orElse(text(body.get("model")), call.model()),
                intOr(body.get("prompt_eval_count"), estimateTokens(call.messages())),
                intOr(body.get("eval_count"), estimateTokens(text)), finishReason(body, calls), calls.calls());
    }

    @Override
    protected StreamReader streamReader(ProviderCall call, ToolCallDeltas toolDeltas) {
        return new StreamReader() {
            final StringBuilder text = new StringBuilder();
            final ToolCallAssembly calls = new ToolCallAssembly(toolDeltas);
            JsonNode last;
            boolean done;

            @Override
            public boolean line(String line, Consumer<String> onDelta) {
                if (line == null || line.isBlank()) {
                    return false;
                }
                JsonNode node;
                try {
                    node = json.readTree(line);
                } catch (JacksonException e) {
                    throw malformed("a stream line is not JSON");
                }
                if (node == null || !node.isObject()) {
                    throw malformed("a stream line is not a JSON object");
                }
                if (node.has("error")) {
                    throw new ProviderException("provider_error", "Provider error in stream: " + text(node.get("error")));
                }
                String delta = text(node.path("message").get("content"));
                if (delta != null && !delta.isEmpty()) {
                    text.append(delta);
                    onDelta.accept(delta);
                }
                collectCalls(node, calls);
                last = node;
                if (node.path("done").asBoolean(false)) {
                    done = true;
                    return true;
                }
                return false;
            }

            @Override
            public ProviderResult finish(boolean ended) {
                if (!done) {
                    throw new ProviderException("provider_unavailable", "The stream ended before the answer was complete");
                }
                String answer = text.toString();
                return new ProviderResult(answer, orElse(text(last.get("model")), call.model()),
                        intOr(last.get("prompt_eval_count"), estimateTokens(call.messages())),
                        intOr(last.get("eval_count"), estimateTokens(answer)), finishReason(last, calls), calls.calls());
            }
        };
    }

    /** Ollama sends whole calls (arguments as an object, no ids): each becomes one piece with a generated id. */
    private void collectCalls(JsonNode node, ToolCallAssembly calls) {
        JsonNode toolCalls = node.path("message").path("tool_calls");
        if (!toolCalls.isArray()) {
            return;
        }
        for (JsonNode c : toolCalls) {
            JsonNode function = c.path("function");
            JsonNode arguments = function.get("arguments");
            int index = calls.calls().size();
            calls.piece(index, "call_" + index, text(function.get("name")),
                    arguments == null || arguments.isNull() ? "{}" : arguments.isString() ? arguments.stringValue()
                            : json.writeValueAsString(arguments));
        }
    }

    private String finishReason(JsonNode node, ToolCallAssembly calls) {
        return calls.isEmpty() ? orElse(text(node.get("done_reason")), "stop") : "tool_calls";
    }

    private JsonNode argumentsObject(String arguments) {
        try {
            JsonNode node = json.readTree(arguments == null ? "{}" : arguments);
            return node != null && node.isObject() ? node : json.createObjectNode();
        } catch (JacksonException e) {
            return json.createObjectNode();
        }
    }

    @Override
    protected String errorMessage(JsonNode body) {
        return text(body.get("error"));
    }

    @Override
    protected HttpRequest modelsRequest() {
        return authorize(request(resolve("/api/tags")).GET()).build();
    }

    @Override
    protected List<String> parseModels(JsonNode body) {
        return namesIn(body, "models", "name", "model");
    }

}
