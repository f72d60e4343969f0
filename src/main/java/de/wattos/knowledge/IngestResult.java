package de.wattos.knowledge;

import java.util.UUID;

/**
 * What happened to an ingested resource. {@code DUPLICATE}: the same normalised text is already indexed in the
 * space under another URL (print or embed variants), so it was not indexed again.
 */
public record IngestResult(UUID documentId, Outcome outcome, int chunkCount, String reason) {

    public enum Outcome { NEW, CHANGED, UNCHANGED, DUPLICATE, FAILED }
}
