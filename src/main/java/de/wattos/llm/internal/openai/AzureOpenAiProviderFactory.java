package de.wattos.llm.internal.openai;

import de.wattos.llm.internal.http.ProviderHttp;
import de.wattos.llm.internal.spi.ModelProvider;
import de.wattos.llm.internal.spi.ModelProviderFactory;
import de.wattos.llm.internal.spi.ProviderSettings;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** {@code azure-openai}: Azure OpenAI deployments. */
@Component
public class AzureOpenAiProviderFactory implements ModelProviderFactory {

    private final ProviderHttp http;
    private final JsonMapper json;

    public AzureOpenAiProviderFactory(ProviderHttp http, JsonMapper json) {
        this.http = http;
        this.json = json;
    }

    @Override
    public String id() {
        return "azure-openai";
    }

    @Override
    public boolean externalByDefault() {
        return true;
    }

    @Override
    public ModelProvider create(ProviderSettings settings) {
        return new AzureOpenAiProvider(settings, http, json);
    }
}
