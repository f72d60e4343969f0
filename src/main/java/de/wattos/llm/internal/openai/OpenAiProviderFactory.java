package de.wattos.llm.internal.openai;

import de.wattos.llm.internal.http.ProviderHttp;
import de.wattos.llm.internal.spi.ModelProvider;
import de.wattos.llm.internal.spi.ModelProviderFactory;
import de.wattos.llm.internal.spi.ProviderSettings;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** {@code openai}: OpenAI and every OpenAI-compatible server. */
@Component
public class OpenAiProviderFactory implements ModelProviderFactory {

    private final ProviderHttp http;
    private final JsonMapper json;

    public OpenAiProviderFactory(ProviderHttp http, JsonMapper json) {
        this.http = http;
        this.json = json;
    }

    @Override
    public String id() {
        return "openai";
    }

    @Override
    public boolean externalByDefault() {
        return true;
    }

    @Override
    public String defaultBaseUrl() {
        return "https://api.openai.com/v1";
    }

    @Override
    public ModelProvider create(ProviderSettings settings) {
        return new OpenAiProvider(settings, http, json);
    }
}
