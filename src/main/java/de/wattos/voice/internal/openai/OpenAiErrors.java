package de.wattos.voice.internal.openai;

import java.net.URI;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** OpenAI's error shape {@code {"error":{"message":…}}} and how endpoints hang off a base URL. */
final class OpenAiErrors {

    private OpenAiErrors() {
    }

    static Function<String, String> reader(JsonMapper json) {
        return body -> {
            JsonNode error = json.readTree(body).path("error");
            String message = error.isObject() ? error.path("message").asString(null) : error.asString(null);
            return message == null || message.isBlank() ? null : message;
        };
    }

    static URI endpoint(URI base, String path) {
        String b = base.toString();
        return URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + path);
    }
}
