package de.wattos.character.internal;

import java.time.Instant;
import java.util.UUID;

/** A saved agent with its lifecycle status, version and last validation. */
public record StoredAgent(UUID id, AgentStatus status, int version, AgentSpec agent, ValidationReport validation,
        String author, Instant createdAt, Instant updatedAt) {
}
