package de.wattos.kb;

import java.util.List;

/** Delivers approved knowledge to one configured system. */
public interface SyncTarget {

    /**
     * Delivers a batch; returns normally only when the receiver accepted all of it. Anything else throws
     * {@link SyncFailure} with a reason for the target's status; the batch is retried with backoff.
     */
    void deliver(List<SyncItem> batch) throws SyncFailure;

    /** Why a delivery failed, as shown to the tenant (never a secret). */
    final class SyncFailure extends Exception {
        public SyncFailure(String reason) {
            super(reason);
        }

        public SyncFailure(String reason, Throwable cause) {
            super(reason, cause);
        }
    }
}
