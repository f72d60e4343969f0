package de.wattos.kb.review;

import java.util.UUID;

/**
 * Told of every approved crawl change inside the approval's transaction, so what it writes (the sync outbox)
 * commits or rolls back with the approval itself.
 */
public interface ApprovedChangeListener {

    void approved(ChangeRequests.ChangeRequest change, UUID documentId);
}
