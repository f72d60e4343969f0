package de.wattos.kb.sync;

/** Where one item version stands for one target: waiting (or retrying), delivered, or given up after the retry limit. */
public enum OutboxStatus {
    PENDING, DELIVERED, DEAD
}
