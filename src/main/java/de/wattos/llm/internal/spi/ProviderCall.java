package de.wattos.llm.internal.spi;

import de.wattos.llm.ModelRequest.JsonSchema;
import de.wattos.llm.ModelRequest.ModelMessage;
import de.wattos.llm.ModelRequest.ToolSpec;
import java.util.List;

/**
 * The wire-independent request to one provider: model already resolved, prompt already masked. {@code responseSchema}
 * non-null asks for structured output (each adapter maps it to its provider's mechanism); {@code tools} non-empty
 * offers functions to call.
 */
public record ProviderCall(List<ModelMessage> messages, String model, Double temperature, Integer maxTokens,
        JsonSchema responseSchema, List<ToolSpec> tools) {

    public ProviderCall {
        messages = List.copyOf(messages);
        tools = tools == null ? List.of() : List.copyOf(tools);
    }

    public ProviderCall(List<ModelMessage> messages, String model, Double temperature, Integer maxTokens,
            JsonSchema responseSchema) {
        this(messages, model, temperature, maxTokens, responseSchema, List.of());
    }

    public ProviderCall(List<ModelMessage> messages, String model, Double temperature, Integer maxTokens) {
        this(messages, model, temperature, maxTokens, null, List.of());
    }
}
