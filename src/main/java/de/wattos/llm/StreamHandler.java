package de.wattos.llm;

/** Receives a streamed completion. Exactly one of {@link #onComplete} or {@link #onError} ends every stream. */
public interface StreamHandler {

    /** The provider and model that will answer (after any fallback before the first token). */
    default void onStart(String provider, String model) {
    }

    void onDelta(String text);

    /**
     * A piece of a function call as the provider streams it: {@code index} identifies the call, {@code id} and
     * {@code name} arrive once (null afterwards), {@code argumentsDelta} is the next piece of its JSON. The complete
     * calls also arrive in {@link ModelResponse#toolCalls()}.
     */
    default void onToolCallDelta(int index, String id, String name, String argumentsDelta) {
    }

    void onComplete(ModelResponse response);

    void onError(ModelException error);
}
