package de.wattos.character.internal;

import java.time.Instant;
import java.util.UUID;

/** A saved persona. */
public record StoredPersona(UUID id, UUID characterId, UUID jobId, PersonaStatus status, PersonaSpec persona,
        String approvedBy, Instant approvedAt, Instant createdAt, Instant updatedAt) {
}
