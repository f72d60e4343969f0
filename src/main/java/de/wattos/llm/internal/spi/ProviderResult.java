package de.wattos.llm.internal.spi;

import de.wattos.llm.ToolCall;
import java.util.List;

/** A finished provider call. Token counts are the provider's, or estimated when it reported none. */
public record ProviderResult(String text, String model, int inputTokens, int outputTokens, String finishReason,
        List<ToolCall> toolCalls) {

    public ProviderResult {
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    public ProviderResult(String text, String model, int inputTokens, int outputTokens, String finishReason) {
        this(text, model, inputTokens, outputTokens, finishReason, List.of());
    }
}
