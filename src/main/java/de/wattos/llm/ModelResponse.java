package de.wattos.llm;

/** A finished completion. {@code model} names what answered, e.g. {@code gpt-4o-mini} or {@code extractive}. */
public record ModelResponse(String text, String provider, String model, TokenUsage usage, String finishReason,
        long latencyMs, Long timeToFirstTokenMs) {

    public record TokenUsage(int inputTokens, int outputTokens) {
        public static final TokenUsage NONE = new TokenUsage(0, 0);
    }

    public boolean extractive() {
        return "extractive".equals(provider);
    }
}
