package de.wattos.knowledge;

import java.time.Instant;
import java.util.UUID;

/**
 * Published (Spring application event) after a document was indexed, changed, removed or failed, so other modules
 * can react (analytics, persona generation …) without reading knowledge tables. {@code outcome} is one of
 * {@code NEW, CHANGED, FAILED, REMOVED}; {@code eventId} lets listeners process each event once.
 */
public record DocumentIndexed(UUID tenantId, UUID spaceId, UUID documentId, String outcome, int chunkCount,
        UUID eventId, Instant occurredAt) {
}
