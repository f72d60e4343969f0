package de.wattos.llm;

import java.util.List;

/** A finished completion; {@code toolCalls} non-empty when the model asked for functions instead of (or besides) answering. {@code model} names what answered, e.g. {@code gpt-4o-mini} or {@code extractive}. */
public record ModelResponse(String text, String provider, String model, TokenUsage usage, String finishReason,
        long latencyMs, Long timeToFirstTokenMs, List<ToolCall> toolCalls) {

    public ModelResponse {
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    public ModelResponse(String text, String provider, String model, TokenUsage usage, String finishReason,
            long latencyMs, Long timeToFirstTokenMs) {
        this(text, provider, model, usage, finishReason, latencyMs, timeToFirstTokenMs, List.of());
    }

    public record TokenUsage(int inputTokens, int outputTokens) {
        public static final TokenUsage NONE = new TokenUsage(0, 0);
    }

    public boolean extractive() {
        return "extractive".equals(provider);
    }
}
