package de.wattos.llm.internal.anthropic;

import de.wattos.llm.internal.http.ProviderHttp;
import de.wattos.llm.internal.spi.ModelProvider;
import de.wattos.llm.internal.spi.ModelProviderFactory;
import de.wattos.llm.internal.spi.ProviderSettings;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** {@code anthropic}: the Anthropic Messages API. */
@Component
public class AnthropicProviderFactory implements ModelProviderFactory {

    private final ProviderHttp http;
    private final JsonMapper json;

    public AnthropicProviderFactory(ProviderHttp http, JsonMapper json) {
        this.http = http;
        this.json = json;
    }

    @Override
    public String id() {
        return "anthropic";
    }

    @Override
    public boolean externalByDefault() {
        return true;
    }

    @Override
    public String defaultBaseUrl() {
        return "https://api.anthropic.com";
    }

    @Override
    public ModelProvider create(ProviderSettings settings) {
        return new AnthropicProvider(settings, http, json);
    }
}
