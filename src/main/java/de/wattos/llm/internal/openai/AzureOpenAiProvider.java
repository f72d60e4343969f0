package de.wattos.llm.internal.openai;

import de.wattos.llm.internal.http.ProviderHttp;
import de.wattos.llm.internal.spi.ProviderCall;
import de.wattos.llm.internal.spi.ProviderSettings;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Azure OpenAI: the OpenAI wire format on
 * {@code {base}/openai/deployments/{deployment}/chat/completions?api-version=…} with an {@code api-key} header.
 * The "model" is the deployment name.
 */
class AzureOpenAiProvider extends OpenAiProvider {

    static final String DEFAULT_API_VERSION = "2024-10-21";

    AzureOpenAiProvider(ProviderSettings settings, ProviderHttp http, JsonMapper json) {
        super(settings, http, json);
    }

    private String apiVersion() {
        return settings.apiVersion() == null || settings.apiVersion().isBlank() ? DEFAULT_API_VERSION : settings.apiVersion();
    }

    private String query() {
        return "?api-version=" + URLEncoder.encode(apiVersion(), StandardCharsets.UTF_8);
    }

    @Override
    protected URI chatUri(ProviderCall call) {
        return resolve("/openai/deployments/" + URLEncoder.encode(call.model(), StandardCharsets.UTF_8).replace("+", "%20")
                + "/chat/completions" + query());
    }

    @Override
    protected URI endpoint(String path) {
        return resolve("/openai" + path + query());
    }

    @Override
    protected ObjectNode chatBody(ProviderCall call, boolean stream) {
        ObjectNode body = super.chatBody(call, stream);
        body.remove("model"); // the deployment in the URL decides
        return body;
    }

    @Override
    protected HttpRequest.Builder authorize(HttpRequest.Builder b) {
        if (settings.apiKey() != null && !settings.apiKey().isBlank()) {
            b.header("api-key", settings.apiKey());
        }
        return b;
    }
}
