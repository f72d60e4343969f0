package de.wattos.character.internal;

import java.time.Instant;
import java.util.UUID;

/** A saved character with its current version. */
public record StoredCharacter(UUID id, int version, boolean isDefault, CharacterSpec spec, Instant createdAt, Instant updatedAt) {
}
