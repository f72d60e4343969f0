package de.wattos.agent.internal.mcp;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A tenant's registered MCP server as the API shows it: the bearer token only as a mask saying one is set,
 * the picked tools as the server described them when they were picked.
 */
public record McpServerEntry(UUID id, String name, String url, int timeoutMs, List<McpToolEntry> tools, String tokenHint,
        Instant createdAt, Instant updatedAt) {

    public McpServerEntry {
        tools = tools == null ? List.of() : List.copyOf(tools);
    }
}
