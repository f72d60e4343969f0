package de.wattos.kb.sync;

import de.wattos.kb.SyncItem;
import de.wattos.kb.review.ApprovedChangeListener;
import de.wattos.kb.review.ChangeKind;
import de.wattos.kb.review.ChangeRequests;
import de.wattos.platform.CurrentActor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes an outbox row per enabled sync target for every approved change, inside the approval's transaction, and
 * wakes the worker once that transaction has committed.
 */
@Component
public class OutboxWriter implements ApprovedChangeListener {

    private final SyncTargets targets;
    private final Outbox outbox;
    private final SyncWorker worker;

    OutboxWriter(SyncTargets targets, Outbox outbox, SyncWorker worker) {
        this.targets = targets;
        this.outbox = outbox;
        this.worker = worker;
    }

    @Override
    public void approved(ChangeRequests.ChangeRequest change, UUID documentId) {
        boolean deleted = change.kind() == ChangeKind.REMOVED;
        // the page's identity stays the same across versions; the document id is not known for a page never served
        String itemId = "page:" + change.sourceId() + ":" + change.url();
        String version = deleted ? sha256("deleted\n" + change.oldText()) : change.newHash();
        write(new SyncItem(itemId + "@" + version, itemId, version, deleted, change.url(),
                deleted ? null : change.title(), deleted ? null : change.newText(), Instant.now(), CurrentActor.get().label()));
    }

    /**
     * Queues one approved item version for every enabled target; call it inside the approval's transaction, so the
     * rows commit or roll back with the approval.
     */
    public void write(SyncItem item) {
        var enabled = targets.enabled();
        if (enabled.isEmpty()) {
            return;
        }
        for (SyncTargets.Target target : enabled) {
            outbox.add(target.id(), item);
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    worker.wake();
                }
            });
        } else {
            worker.wake();
        }
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(String.valueOf(text).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
