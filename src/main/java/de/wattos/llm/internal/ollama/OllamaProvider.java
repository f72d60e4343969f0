package de.wattos.llm.internal.ollama;

import de.wattos.llm.ModelRequest.ModelMessage;
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
            messages.addObject().put("role", role(m.role())).put("content", m.content() == null ? "" : m.content());
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
        return new ProviderResult(text, orElse(text(body.get("model")), call.model()),
                intOr(body.get("prompt_eval_count"), estimateTokens(call.messages())),
                intOr(body.get("eval_count"), estimateTokens(text)), orElse(text(body.get("done_reason")), "stop"));
    }

    @Override
    protected StreamReader streamReader(ProviderCall call) {
        return new StreamReader() {
            final StringBuilder text = new StringBuilder();
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
                        intOr(last.get("eval_count"), estimateTokens(answer)), orElse(text(last.get("done_reason")), "stop"));
            }
        };
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
