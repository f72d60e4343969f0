package de.wattos.kb;

/** Lets other modules (and the F13 seed endpoint) ask for the outbox to be delivered now instead of at the next poll. */
public interface KnowledgeSync {

    /** Wakes the delivery worker; returns at once. */
    void syncNow();
}
