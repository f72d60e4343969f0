package de.wattos.llm;

/**
 * How many tokens a model reads at once (prompt, sources, history and answer together), for the model it was
 * determined for ({@code null} when no model is configured) and where the figure came from.
 */
public record ContextWindow(int tokens, String model, Origin origin) {

    public enum Origin {
        /** Set by the operator ({@code wattos.llm.context.models}). */
        CONFIGURED,
        /** The published window of a known model family. */
        KNOWN_MODEL,
        /** Nothing known about the model (or none configured): the default ({@code wattos.llm.context.default-tokens}). */
        DEFAULT
    }
}
