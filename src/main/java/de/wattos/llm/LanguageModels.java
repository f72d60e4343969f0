package de.wattos.llm;

/**
 * The language-model gateway as other modules see it. Tenant from {@code TenantContext}. Routing, fallback,
 * retries, circuit breaking, budgets, PII protection and usage recording happen behind this interface; with no
 * provider configured (or the budget spent) the built-in extractive answerer answers from
 * {@link ModelRequest#grounding()}.
 */
public interface LanguageModels {

    /** Blocking completion. Failures after every fallback surface as {@link ModelException}. */
    ModelResponse complete(ModelRequest request);

    /**
     * Streaming completion: events arrive on {@code handler} from another thread. A stream falls back to the
     * next provider only before its first token. The returned handle cancels generation.
     */
    ModelStream stream(ModelRequest request, StreamHandler handler);

    /**
     * True if a call now would reach a language model (one is configured and the budget allows it), false if the
     * extractive answerer would answer: callers that need function calling decide their path with this.
     */
    default boolean modelAvailable() {
        return false;
    }
}
