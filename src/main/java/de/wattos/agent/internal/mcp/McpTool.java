package de.wattos.agent.internal.mcp;

import de.wattos.agent.internal.tool.spi.AgentTool;
import de.wattos.agent.internal.tool.spi.ToolContext;
import de.wattos.agent.internal.tool.spi.ToolException;
import de.wattos.agent.internal.tool.spi.ToolOutput;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * One picked tool of a tenant's MCP server, callable like any built-in tool: the run loop checks its arguments against
 * the schema the server published, applies the policy and approvals by its name, and records the call.
 */
final class McpTool implements AgentTool {

    static final String TYPE = "mcp";
    /** What the model reads of a result at most; a server's long answer would otherwise fill the context. */
    static final int MAX_TEXT = 16_000;

    private final McpConnector connector;
    private final McpServers.Connection connection;
    private final McpToolEntry entry;
    private final JsonMapper json;

    McpTool(McpConnector connector, McpServers.Connection connection, McpToolEntry entry, JsonMapper json) {
        this.connector = connector;
        this.connection = connection;
        this.entry = entry;
        this.json = json;
    }

    @Override
    public String name() {
        return entry.name();
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String description() {
        return entry.description().isBlank() ? entry.remoteName() : entry.description();
    }

    @Override
    public Map<String, Object> parameters() {
        return entry.inputSchema();
    }

    @Override
    public ToolOutput invoke(Map<String, Object> arguments, ToolContext context) {
        McpServerEntry server = connection.server();
        McpSchema.CallToolResult result = connector.call(server.url(), connection.token(), entry.remoteName(), arguments,
                Duration.ofMillis(server.timeoutMs()));
        String text = text(result);
        if (Boolean.TRUE.equals(result.isError())) {
            throw new ToolException("mcp_tool_error", "The MCP tool reported an error: " + truncate(text, 500));
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("content", truncate(text, MAX_TEXT));
        if (result.structuredContent() != null) {
            String structured = json.writeValueAsString(result.structuredContent());
            if (structured.length() <= MAX_TEXT) {
                output.put("structured", result.structuredContent());
            }
        }
        return ToolOutput.of(json.writeValueAsString(output));
    }

    private static String text(McpSchema.CallToolResult result) {
        StringBuilder s = new StringBuilder();
        if (result.content() != null) {
            for (McpSchema.Content c : result.content()) {
                if (c instanceof McpSchema.TextContent t && t.text() != null) {
                    s.append(s.isEmpty() ? "" : "\n").append(t.text());
                }
            }
        }
        return s.toString();
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
