package de.wattos.agent.internal.mcp;

import java.util.Map;

/**
 * One picked tool of an MCP server: {@code name} is what agents and policies call it ({@code <server>__<tool>}),
 * {@code remoteName} what the server calls it.
 */
public record McpToolEntry(String name, String remoteName, String description, Map<String, Object> inputSchema) {

    public McpToolEntry {
        description = description == null ? "" : description;
        inputSchema = inputSchema == null ? Map.of("type", "object") : inputSchema;
    }
}
