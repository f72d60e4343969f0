package de.wattos.llm.internal.spi;

import de.wattos.llm.ModelRequest.JsonSchema;
import de.wattos.llm.ModelRequest.ModelMessage;
import java.util.List;

/**
 * The wire-independent request to one provider: model already resolved, prompt already masked. {@code responseSchema}
 * non-null asks for structured output (each adapter maps it to its provider's mechanism).
 */
public record ProviderCall(List<ModelMessage> messages, String model, Double temperature, Integer maxTokens,
        JsonSchema responseSchema) {

    public ProviderCall {
        messages = List.copyOf(messages);
    }

    public ProviderCall(List<ModelMessage> messages, String model, Double temperature, Integer maxTokens) {
        this(messages, model, temperature, maxTokens, null);
    }
}
