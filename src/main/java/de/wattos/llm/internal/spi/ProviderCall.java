package de.wattos.llm.internal.spi;

import de.wattos.llm.ModelRequest.ModelMessage;
import java.util.List;

/** The wire-independent request to one provider: model already resolved, prompt already masked. */
public record ProviderCall(List<ModelMessage> messages, String model, Double temperature, Integer maxTokens) {

    public ProviderCall {
        messages = List.copyOf(messages);
    }
}
