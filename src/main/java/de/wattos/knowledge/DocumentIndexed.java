package de.wattos.knowledge;

import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.EventDomain;
import de.wattos.platform.events.ModuleEvent;
import java.util.UUID;

/**
 * Published on the event bus after a document was indexed, changed, removed or failed, so other modules
 * can react (analytics, persona generation …) without reading knowledge tables. {@code outcome} is one of
 * {@code NEW, CHANGED, FAILED, REMOVED}; {@code reason} says why a document failed (null otherwise).
 */
public record DocumentIndexed(UUID tenantId, UUID spaceId, UUID documentId, String outcome, int chunkCount,
        String reason)
        implements ModuleEvent {

    @Override
    public Header header() {
        return new Header(EventDomain.KNOWLEDGE, switch (outcome) {
            case "FAILED" -> "document.failed";
            case "REMOVED" -> "document.removed";
            default -> "document.indexed";
        }, DomainEvent.Subject.of("document", documentId));
    }
}
