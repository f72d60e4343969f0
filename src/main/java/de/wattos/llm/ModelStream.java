package de.wattos.llm;

/** A running stream; {@link #cancel()} stops generation and releases the provider connection. */
public interface ModelStream {

    void cancel();
}
