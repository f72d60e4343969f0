package de.wattos.character.internal;

import java.time.Instant;
import java.util.UUID;

/** A character as the editor shows it (or a saved version), which a try-out conversation answers with. */
public record CharacterTryOut(UUID id, UUID characterId, CharacterSpec spec, Instant updatedAt) {
}
