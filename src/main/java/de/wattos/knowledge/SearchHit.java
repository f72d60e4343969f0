package de.wattos.knowledge;

import java.util.UUID;

/** One retrieved chunk: {@code snippet} is highlighted for display, {@code text} is the whole chunk for grounding. */
public record SearchHit(UUID chunkId, UUID documentId, UUID spaceId, String title, String url, String headingPath,
        Integer page, String snippet, String text, double score) {
}
