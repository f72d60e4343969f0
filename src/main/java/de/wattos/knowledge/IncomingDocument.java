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

    public IncomingDocument {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
