package de.wattos.agent.internal.mcp;

import de.wattos.agent.internal.tool.spi.AgentTool;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The picked tools of the tenant's MCP servers under their local names ({@code <server>__<tool>}), resolved from
 * the stored description without contacting the server; only a call goes out.
 */
@Component
public class McpTools {

    public static final String SEPARATOR = "__";

    private final McpServers servers;
    private final McpConnector connector;
    private final JsonMapper json;

    McpTools(McpServers servers, McpConnector connector, JsonMapper json) {
        this.servers = servers;
        this.connector = connector;
        this.json = json;
    }

    public static boolean isMcpName(String name) {
        return name != null && name.contains(SEPARATOR);
    }

    public static String localName(String server, String remoteName) {
        String cleaned = remoteName.replaceAll("[^A-Za-z0-9_-]", "_");
        String name = server + SEPARATOR + cleaned;
        return name.length() <= 64 ? name : name.substring(0, 64);
    }

    public Optional<AgentTool> resolve(String name) {
        if (!isMcpName(name)) {
            return Optional.empty();
        }
        String server = name.substring(0, name.indexOf(SEPARATOR));
        return servers.connectionByName(server).flatMap(c -> c.server().tools().stream().filter(t -> t.name().equals(name))
                .findFirst().map(t -> new McpTool(connector, c, t, json)));
    }

    /** Every picked tool of every server, for agents' allowlists and the console. */
    public List<McpToolEntry> available() {
        return servers.list().stream().flatMap(s -> s.tools().stream()).toList();
    }
}
