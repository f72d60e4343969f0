package de.wattos.agent.internal.tool;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A tenant-defined tool as the API shows it: secrets only as a mask saying one is set. */
public record StoredTool(UUID id, String name, String type, String description, Map<String, Object> config,
        Map<String, String> secretHints, Instant createdAt, Instant updatedAt) {
}
