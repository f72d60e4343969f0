package de.wattos.knowledge.internal;

/**
 * Thrown instead of embedding once WattOS is stopping. Not the document's fault: it stays pending and is redone
 * after the restart.
 */
final class StoppingException extends IllegalStateException {

    StoppingException() {
        super("WattOS is stopping: no new embeddings");
    }
}
