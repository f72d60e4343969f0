package de.wattos.llm.internal.spi;

/** A finished provider call. Token counts are the provider's, or estimated when it reported none. */
public record ProviderResult(String text, String model, int inputTokens, int outputTokens, String finishReason) {
}
