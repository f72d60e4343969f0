package de.wattos.knowledge;

import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.EventDomain;
import de.wattos.platform.events.ModuleEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * Published (Spring application event) after a document was indexed, changed, removed or failed, so other modules
 * can react (analytics, persona generation …) without reading knowledge tables. {@code outcome} is one of
 * {@code NEW, CHANGED, FAILED, REMOVED}; {@code reason} says why a document failed (null otherwise);
 * {@code eventId} lets listeners take each event once.
 */
public record DocumentIndexed(UUID tenantId, UUID spaceId, UUID documentId, String outcome, int chunkCount,
        String reason, UUID eventId, Instant occurredAt)
        implements ModuleEvent {

    @Override
    public EventDomain domain() {
        return EventDomain.KNOWLEDGE;
    }

    /** {@code document.indexed} (new or changed), {@code document.failed} or {@code document.removed}. */
    @Override
    public String type() {
        return switch (outcome) {
            case "FAILED" -> "document.failed";
            case "REMOVED" -> "document.removed";
            default -> "document.indexed";
        };
    }

    @Override
    public DomainEvent.Subject subject() {
        return DomainEvent.Subject.of("document", documentId);
    }
}
