package de.wattos.llm.internal.openai;

import de.wattos.llm.ModelRequest.ModelMessage;
import de.wattos.llm.ModelRequest.ToolSpec;
import de.wattos.llm.ToolCall;
import de.wattos.llm.internal.http.ToolCallAssembly;
import de.wattos.llm.internal.spi.ToolCallDeltas;
import de.wattos.llm.internal.http.HttpModelProvider;
import de.wattos.llm.internal.http.ProviderHttp;
import de.wattos.llm.internal.http.SseParser;
import de.wattos.llm.internal.spi.Cancellation;
import de.wattos.llm.internal.spi.ProviderCall;
import de.wattos.llm.internal.spi.ProviderException;
import de.wattos.llm.internal.spi.ProviderResult;
import de.wattos.llm.internal.spi.ProviderSettings;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI Chat Completions and every server that speaks it (vLLM, LiteLLM, LM Studio, Mistral, llama.cpp …):
 * {@code POST …/v1/chat/completions}, streaming as SSE {@code data:} chunks ending with {@code [DONE]},
 * {@code GET …/v1/models}. The base URL may or may not end in a version segment ({@code /v1}).
 */
class OpenAiProvider extends HttpModelProvider {

    private static final Pattern VERSIONED = Pattern.compile(".*/v\\d+(beta|alpha)?\\d*$");

    private volatile boolean streamOptions = true;

    OpenAiProvider(ProviderSettings settings, ProviderHttp http, JsonMapper json) {
        super(settings, http, json);
    }

    protected URI endpoint(String path) {
        String basePath = settings.baseUrl().getPath() == null ? "" : settings.baseUrl().getPath().replaceAll("/+$", "");
        return resolve(VERSIONED.matcher(basePath).matches() ? path : "/v1" + path);
    }

    protected HttpRequest.Builder authorize(HttpRequest.Builder b) {
        if (settings.apiKey() != null && !settings.apiKey().isBlank()) {
            b.header("Authorization", "Bearer " + settings.apiKey());
        }
        return b;
    }

    protected URI chatUri(ProviderCall call) {
        return endpoint("/chat/completions");
    }

    protected ObjectNode chatBody(ProviderCall call, boolean stream) {
        ObjectNode body = object();
        body.put("model", call.model());
        ArrayNode messages = body.putArray("messages");
        for (ModelMessage m : call.messages()) {
            ObjectNode message = messages.addObject().put("role", role(m.role()));
            String content = m.content() == null ? "" : m.content();
            if (m.role() == ModelMessage.Role.TOOL) {
                message.put("tool_call_id", m.toolCallId()).put("content", content);
            } else if (!m.toolCalls().isEmpty()) {
                if (content.isEmpty()) {
                    message.putNull("content");
                } else {
                    message.put("content", content);
                }
                ArrayNode calls = message.putArray("tool_calls");
                for (ToolCall c : m.toolCalls()) {
                    calls.addObject().put("id", c.id()).put("type", "function").putObject("function")
                            .put("name", c.name()).put("arguments", c.arguments());
                }
            } else {
                message.put("content", content);
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
        if (call.temperature() != null) {
            body.put("temperature", call.temperature());
        }
        if (call.maxTokens() != null) {
            body.put("max_tokens", call.maxTokens());
        }
        if (call.responseSchema() != null) {
            ObjectNode format = body.putObject("response_format").put("type", "json_schema");
            format.putObject("json_schema").put("name", call.responseSchema().name()).put("strict", false)
                    .set("schema", json.valueToTree(call.responseSchema().schema()));
        }
        body.put("stream", stream);
        if (stream && streamOptions) {
            body.putObject("stream_options").put("include_usage", true);
        }
        return body;
    }

    /**
     * Some OpenAI-compatible servers reject {@code stream_options}; such a server is asked once more without it
     * (token counts are then estimated) and from then on never with it.
     */
    @Override
    public ProviderResult stream(ProviderCall call, Consumer<String> onDelta, ToolCallDeltas toolDeltas,
            Cancellation cancellation) {
        try {
            return super.stream(call, onDelta, toolDeltas, cancellation);
        } catch (ProviderException e) {
            if (streamOptions && (e.status() == 400 || e.status() == 422)
                    && String.valueOf(e.getMessage()).contains("stream_options")) {
                streamOptions = false;
                return super.stream(call, onDelta, toolDeltas, cancellation);
            }
            throw e;
        }
    }

    @Override
    protected HttpRequest chatRequest(ProviderCall call, boolean stream) {
        HttpRequest.Builder b = post(chatUri(call), chatBody(call, stream));
        if (stream) {
            b.header("Accept", "text/event-stream");
        }
        return authorize(b).build();
    }

    @Override
    protected ProviderResult parseCompletion(JsonNode body, ProviderCall call) {
        if (body.has("error")) {
            throw new ProviderException("provider_error", "Provider error: " + errorMessage(body));
        }
        JsonNode choice = body.path("choices").path(0);
        JsonNode content = choice.path("message").path("content");
        JsonNode toolCalls = choice.path("message").path("tool_calls");
        boolean hasCalls = toolCalls.isArray() && !toolCalls.isEmpty();
        if (choice.isMissingNode() || !(content.isString() || content.isNull() || (content.isMissingNode() && hasCalls))) {
            throw malformed("no choices[0].message.content");
        }
        String text = content.isString() ? content.stringValue() : "";
        List<ToolCall> calls = new ArrayList<>();
        if (hasCalls) {
            for (JsonNode c : toolCalls) {
                JsonNode function = c.path("function");
                JsonNode arguments = function.get("arguments");
                calls.add(new ToolCall(orElse(text(c.get("id")), "call_" + calls.size()), text(function.get("name")),
                        arguments == null || arguments.isNull() ? "{}" : arguments.isString() ? arguments.stringValue()
                                : json.writeValueAsString(arguments)));
            }
        }
        JsonNode usage = body.path("usage");
        return new ProviderResult(text, orElse(text(body.get("model")), call.model()),
                intOr(usage.get("prompt_tokens"), estimateTokens(call.messages())),
                intOr(usage.get("completion_tokens"), estimateTokens(text)),
                orElse(text(choice.get("finish_reason")), "stop"), calls);
    }

    @Override
    protected StreamReader streamReader(ProviderCall call, ToolCallDeltas toolDeltas) {
        return new StreamReader() {
            final StringBuilder text = new StringBuilder();
            final ToolCallAssembly calls = new ToolCallAssembly(toolDeltas);
            String model;
            String finishReason;
            Integer input;
            Integer output;
            boolean done;
            Consumer<String> sink;
            final SseParser sse = new SseParser(this::event);

            @Override
            public boolean line(String line, Consumer<String> onDelta) {
                sink = onDelta;
                return line == null ? sse.flush() : sse.line(line);
            }

            private boolean event(String event, String data) {
                if (data.strip().equals("[DONE]")) {
                    done = true;
                    return true;
                }
                JsonNode chunk;
                try {
                    chunk = json.readTree(data);
                } catch (JacksonException e) {
                    throw malformed("a stream chunk is not JSON");
                }
                if (chunk == null || !chunk.isObject()) {
                    throw malformed("a stream chunk is not a JSON object");
                }
                if (chunk.has("error")) {
                    throw new ProviderException("provider_error", "Provider error in stream: " + errorMessage(chunk));
                }
                if (model == null) {
                    model = text(chunk.get("model"));
                }
                JsonNode usage = chunk.get("usage");
                if (usage != null && usage.isObject()) {
                    input = intOr(usage.get("prompt_tokens"), 0);
                    output = intOr(usage.get("completion_tokens"), 0);
                }
                JsonNode choices = chunk.path("choices");
                if (!choices.isArray()) {
                    throw malformed("a stream chunk has no choices");
                }
                JsonNode choice = choices.path(0);
                String delta = text(choice.path("delta").get("content"));
                if (delta != null && !delta.isEmpty()) {
                    text.append(delta);
                    sink.accept(delta);
                }
                JsonNode toolCalls = choice.path("delta").path("tool_calls");
                if (toolCalls.isArray()) {
                    for (JsonNode c : toolCalls) {
                        JsonNode function = c.path("function");
                        calls.piece(intOr(c.get("index"), 0), text(c.get("id")), text(function.get("name")),
                                text(function.get("arguments")));
                    }
                }
                String finish = text(choice.get("finish_reason"));
                if (finish != null) {
                    finishReason = finish;
                }
                return false;
            }

            @Override
            public ProviderResult finish(boolean ended) {
                if (!done && finishReason == null) {
                    throw new ProviderException("provider_unavailable", "The stream ended before the answer was complete");
                }
                String answer = text.toString();
                return new ProviderResult(answer, orElse(model, call.model()),
                        input != null ? input : estimateTokens(call.messages()),
                        output != null ? output : estimateTokens(answer), orElse(finishReason, "stop"), calls.calls());
            }
        };
    }

    @Override
    protected String errorMessage(JsonNode body) {
        JsonNode error = body.get("error");
        if (error == null) {
            return text(body.get("message")) != null ? text(body.get("message")) : text(body.get("detail"));
        }
        if (error.isString()) {
            return error.stringValue();
        }
        String message = text(error.get("message"));
        String type = text(error.get("type"));
        return type == null ? message : message + " (" + type + ")";
    }

    @Override
    protected HttpRequest modelsRequest() {
        return authorize(request(endpoint("/models")).GET()).build();
    }

    @Override
    protected List<String> parseModels(JsonNode body) {
        return namesIn(body, "data", "id");
    }

}
