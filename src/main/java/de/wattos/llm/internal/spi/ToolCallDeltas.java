package de.wattos.llm.internal.spi;

/** Receives streamed pieces of function calls (see {@code StreamHandler#onToolCallDelta}). */
@FunctionalInterface
public interface ToolCallDeltas {

    ToolCallDeltas NONE = (index, id, name, argumentsDelta) -> {
    };

    void accept(int index, String id, String name, String argumentsDelta);
}
