package de.wattos.agent.internal.tool.spi;

import java.util.UUID;

/** A numbered source a tool consulted; {@code n} is unique within one run. */
public record ToolSource(int n, String title, String url, String headingPath, String snippet, UUID documentId,
        UUID chunkId) {
}
