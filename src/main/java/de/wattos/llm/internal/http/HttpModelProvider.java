package de.wattos.llm.internal.http;

import de.wattos.llm.ModelRequest.ModelMessage;
import de.wattos.llm.internal.spi.Cancellation;
import de.wattos.llm.internal.spi.ToolCallDeltas;
import de.wattos.llm.internal.spi.ModelProvider;
import de.wattos.llm.internal.spi.ProviderCall;
import de.wattos.llm.internal.spi.ProviderException;
import de.wattos.llm.internal.spi.ProviderResult;
import de.wattos.llm.internal.spi.ProviderSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Base of the HTTP adapters: an adapter says how its requests look, how its answers, stream events and errors
 * read; sending, deadlines, cancellation and status mapping are shared.
 */
public abstract class HttpModelProvider implements ModelProvider {

    protected final ProviderSettings settings;
    protected final ProviderHttp http;
    protected final JsonMapper json;

    protected HttpModelProvider(ProviderSettings settings, ProviderHttp http, JsonMapper json) {
        this.settings = settings;
        this.http = http;
        this.json = json;
    }

    /** Reads one streamed answer; {@link #line} returns true once the provider signalled the end. */
    public interface StreamReader {
        /** One line of the body, null at its end; returns true once the provider signalled the end. */
        boolean line(String line, Consumer<String> onDelta);

        /** Called after the end (or at EOF with {@code ended} false): the result, or an exception if incomplete. */
        ProviderResult finish(boolean ended);
    }

    protected abstract HttpRequest chatRequest(ProviderCall call, boolean stream);

    protected abstract ProviderResult parseCompletion(JsonNode body, ProviderCall call);

    protected abstract StreamReader streamReader(ProviderCall call, ToolCallDeltas toolDeltas);

    /** The human message in this provider's error JSON, or null. */
    protected abstract String errorMessage(JsonNode body);

    protected abstract HttpRequest modelsRequest();

    protected abstract List<String> parseModels(JsonNode body);

    @Override
    public ProviderResult complete(ProviderCall call) {
        requireModel(call);
        String body = http.send(chatRequest(call, false), settings.timeout(), this::readError);
        return parseCompletion(parse(body), call);
    }

    @Override
    public ProviderResult stream(ProviderCall call, Consumer<String> onDelta, Cancellation cancellation) {
        return stream(call, onDelta, ToolCallDeltas.NONE, cancellation);
    }

    @Override
    public ProviderResult stream(ProviderCall call, Consumer<String> onDelta, ToolCallDeltas toolDeltas,
            Cancellation cancellation) {
        requireModel(call);
        StreamReader reader = streamReader(call, toolDeltas);
        boolean[] ended = {false};
        http.stream(chatRequest(call, true), settings.timeout(), cancellation, this::readError, line -> {
            ended[0] = reader.line(line, onDelta);
            return ended[0];
        });
        return reader.finish(ended[0]);
    }

    @Override
    public List<String> listModels() {
        return parseModels(parse(http.send(modelsRequest(), settings.timeout(), this::readError)));
    }

    private void requireModel(ProviderCall call) {
        if (call.model() == null || call.model().isBlank()) {
            throw new ProviderException("provider_error", "No model configured for provider " + settings.name());
        }
    }

    private String readError(String body) {
        String message = errorMessage(json.readTree(body));
        String key = settings.apiKey();
        // some providers quote the key they refused; it must not travel on in an exception message
        return message == null || key == null || key.length() < 8 ? message : message.replace(key, "***");
    }

    /** Parses JSON from the provider; anything else is a malformed response. */
    protected JsonNode parse(String body) {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw malformed("expected a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw malformed("not JSON");
        }
    }

    protected static ProviderException malformed(String what) {
        return new ProviderException("malformed_response", "The provider answered with something unexpected: " + what);
    }

    protected ObjectNode object() {
        return json.createObjectNode();
    }

    protected byte[] bytes(JsonNode node) {
        return json.writeValueAsBytes(node);
    }

    /** A POST of JSON with the provider's timeout; http:// forced to HTTP/1.1 (no h2c upgrade dance). */
    protected HttpRequest.Builder post(URI uri, JsonNode body) {
        return request(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body)));
    }

    protected HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(settings.timeout());
        if ("http".equalsIgnoreCase(uri.getScheme())) {
            b.version(HttpClient.Version.HTTP_1_1);
        }
        return b;
    }

    /** {@code base} + {@code path}, keeping a path prefix of the base URL. */
    protected URI resolve(String path) {
        String base = settings.baseUrl().toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + path);
    }

    protected static String role(ModelMessage.Role role) {
        return role.name().toLowerCase();
    }

    /** Text of a JSON field, or null if missing / null. */
    protected static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        return node.isString() ? node.stringValue() : node.toString();
    }

    protected static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    /**
     * The names in a model list such as OpenAI's {@code {"data":[{"id":…}]}} or Ollama's {@code {"models":[{"name":…}]}}:
     * per entry the first of {@code fields} that is present.
     */
    protected static List<String> namesIn(JsonNode body, String array, String... fields) {
        JsonNode entries = body.get(array);
        if (entries == null || !entries.isArray()) {
            throw malformed("no " + array + "[] in the model list");
        }
        List<String> names = new java.util.ArrayList<>();
        entries.forEach(entry -> {
            for (String field : fields) {
                String name = text(entry.get(field));
                if (name != null) {
                    names.add(name);
                    return;
                }
            }
        });
        return names;
    }

    protected static int intOr(JsonNode node, int fallback) {
        return node != null && node.isNumber() ? node.intValue() : fallback;
    }

    /** Rough token count (4 characters a token) for providers that report none. */
    protected static int estimateTokens(String text) {
        return text == null ? 0 : (text.length() + 3) / 4;
    }

    protected static int estimateTokens(List<ModelMessage> messages) {
        int n = 0;
        for (ModelMessage m : messages) {
            n += estimateTokens(m.content()) + 4;
        }
        return n;
    }
}
