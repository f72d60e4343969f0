package de.wattos.platform.cluster;

import java.util.List;
import java.util.UUID;

/**
 * An ordered feed of changes (stored in PostgreSQL) for state that each instance keeps for itself, such as the
 * search index: the instance that made a change records it after the change committed, and every other instance
 * applies it. A follower starts at the feed's head (it has built its state from PostgreSQL before) and is woken by a
 * {@link ClusterSignals signal} after each record, with polling as the fallback when signals are lost. Changes of
 * the following instance itself are not handed to it. Appliers must be idempotent: a change may come twice.
 */
public interface ChangeFeed {

    /** One change: what ({@code kind}) happened to which {@code subject}, of which tenant (null: none). */
    record Change(long seq, UUID tenantId, String kind, UUID subject) {
    }

    /** Records a change on the named feed (after the change itself committed). */
    void record(String feed, UUID tenantId, String kind, UUID subject);

    /**
     * Applies every later change of the named feed made by other instances, in order, in batches. A batch whose
     * applier throws is offered again. Returns a handle that stops following.
     */
    AutoCloseable follow(String feed, Applier applier);

    /** Applies one batch of changes. */
    @FunctionalInterface
    interface Applier {
        void apply(List<Change> changes) throws Exception;
    }
}
