package de.wattos.knowledge;

import java.util.UUID;

/**
 * What {@link Ingestion#ingest} would do with a resource, without doing it: the outcome ({@code NEW}, {@code CHANGED},
 * {@code UNCHANGED}, {@code DUPLICATE} or {@code FAILED}), the text served now ({@code currentText}, null for a new
 * resource) and the text the resource would serve ({@code newText}, hashed as {@code newHash}).
 */
public record IngestPreview(UUID documentId, IngestResult.Outcome outcome, String title, String currentText,
        String newText, String newHash, String reason) {
}
