package de.wattos.knowledge;

import java.util.Map;
import java.util.UUID;

/**
 * A resource to ingest. {@code sourceId} is null for direct uploads; {@code url} identifies the resource within
 * its source (the canonical URL for crawled pages). {@code contentType} is the media type as served (may be
 * null: it is then detected).
 */
public record IncomingDocument(UUID spaceId, UUID sourceId, String url, String title, String contentType,
        byte[] content, Map<String, String> metadata) {

    /**
     * Metadata key marking curated knowledge (an approved article) with {@code "true"}: such a document is searched
     * for separately ({@link SearchQuery#curatedOnly}) and answers before crawled text.
     */
    public static final String CURATED = "curated";

    /**
     * Metadata key naming the personas (target groups) a document is for, comma-separated ids: such a document is not
     * served to a search for another persona ({@link SearchQuery#forPersona}); without it, a document serves everyone.
     */
    public static final String PERSONAS = "personas";

    public IncomingDocument {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
