package de.wattos.llm.internal.ollama;

import de.wattos.llm.internal.http.ProviderHttp;
import de.wattos.llm.internal.spi.ModelProvider;
import de.wattos.llm.internal.spi.ModelProviderFactory;
import de.wattos.llm.internal.spi.ProviderSettings;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** {@code ollama}: usually on-premise, so PII protection is off by default (switch it on per provider). */
@Component
public class OllamaProviderFactory implements ModelProviderFactory {

    private final ProviderHttp http;
    private final JsonMapper json;

    public OllamaProviderFactory(ProviderHttp http, JsonMapper json) {
        this.http = http;
        this.json = json;
    }

    @Override
    public String id() {
        return "ollama";
    }

    @Override
    public boolean externalByDefault() {
        return false;
    }

    @Override
    public ModelProvider create(ProviderSettings settings) {
        return new OllamaProvider(settings, http, json);
    }
}
