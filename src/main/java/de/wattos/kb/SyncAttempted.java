package de.wattos.kb;

import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.EventDomain;
import de.wattos.platform.events.ModuleEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * One attempt to deliver one approved item version to one sync target, published in the same transaction that
 * records the outcome in the outbox (so a delivery cut short by a crash publishes nothing, and its redelivery publishes
 * once). Topic {@code knowledge.kb.sync.delivered} or {@code knowledge.kb.sync.failed}; {@code dead}: the failure
 * used up the last attempt. {@code articleId} is set for articles ({@code itemId} {@code article:<id>}), null for
 * crawl changes. {@code attempt} counts from 1. {@code delayMillis}: from the outbox row's creation (the approval)
 * to this outcome.
 */
public record SyncAttempted(UUID tenantId, UUID targetId, String targetType, String itemId, UUID articleId,
        String version, int attempt, boolean delivered, boolean dead, String reason, long delayMillis, UUID eventId,
        Instant occurredAt) implements ModuleEvent {

    @Override
    public EventDomain domain() {
        return EventDomain.KNOWLEDGE;
    }

    @Override
    public String type() {
        return delivered ? "kb.sync.delivered" : "kb.sync.failed";
    }

    @Override
    public DomainEvent.Subject subject() {
        return DomainEvent.Subject.of("kb_sync_target", targetId);
    }

    /** The article id inside an item id of the form {@code article:<uuid>}, or null. */
    public static UUID articleOf(String itemId) {
        if (itemId == null || !itemId.startsWith("article:")) {
            return null;
        }
        try {
            return UUID.fromString(itemId.substring("article:".length()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
