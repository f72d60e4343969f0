package de.wattos.voice.internal.azure;

import de.wattos.voice.internal.spi.VoiceProviderException;
import de.wattos.voice.internal.spi.VoiceProviderSettings;
import java.net.URI;
import java.util.function.Function;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Azure AI Speech endpoints: {@code https://{region}.{service}.speech.microsoft.com}, or a configured base URL. */
final class AzureEndpoints {

    private static final Pattern REGION = Pattern.compile("[a-z0-9]{2,30}");

    private AzureEndpoints() {
    }

    static URI of(VoiceProviderSettings s, String service, String path) {
        String base;
        if (s.baseUrl() != null) {
            base = s.baseUrl().toString().replaceAll("/+$", "");
        } else if (s.region() != null && REGION.matcher(s.region()).matches()) {
            base = "https://" + s.region() + "." + service + ".speech.microsoft.com";
        } else {
            throw new VoiceProviderException("misconfigured", "Azure Speech needs a region (e.g. germanywestcentral) or a base URL");
        }
        return URI.create(base + path);
    }

    /** Azure answers errors mostly with an empty body, sometimes with {@code {"error":{"message":…}}}. */
    static Function<String, String> errors(JsonMapper json) {
        return body -> {
            JsonNode error = json.readTree(body).path("error");
            return error.path("message").asString(null);
        };
    }
}
