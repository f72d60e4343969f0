package de.wattos.character.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A persona generation job: what was asked, how far it is, and what came out (kept, dropped, merged).
 * {@code namedBy} is {@code rules} or {@code model:<name>}; {@code namingNote} says why a model's names were not used.
 */
public record PersonaJob(UUID id, JobStatus status, GenerateRequest request, Outcome result, String error,
        Instant createdAt, Instant finishedAt) {

    public record GenerateRequest(UUID characterId, List<UUID> spaceIds, Integer maxPersonas, Double minQualityScore) {
    }

    public record Outcome(List<UUID> personaIds, List<PersonaGeneration.Dropped> dropped, List<String> merged,
            PersonaGeneration.Stats stats, String namedBy, String namingNote) {
    }
}
