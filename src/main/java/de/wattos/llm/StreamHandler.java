package de.wattos.llm;

/** Receives a streamed completion. Exactly one of {@link #onComplete} or {@link #onError} ends every stream. */
public interface StreamHandler {

    /** The provider and model that will answer (after any fallback before the first token). */
    default void onStart(String provider, String model) {
    }

    void onDelta(String text);

    void onComplete(ModelResponse response);

    void onError(ModelException error);
}
