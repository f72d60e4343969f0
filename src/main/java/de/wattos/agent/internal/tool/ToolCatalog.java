package de.wattos.agent.internal.tool;

import de.wattos.agent.internal.mcp.McpToolEntry;
import de.wattos.agent.internal.mcp.McpTools;
import de.wattos.agent.internal.tool.spi.AgentTool;
import de.wattos.agent.internal.tool.spi.ToolFactory;
import de.wattos.agent.internal.tool.spi.ToolSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Resolves tool names for the current tenant: a built-in factory's id names its tool; any other name is a
 * tenant-defined tool, created by the factory its configuration names; {@code <server>__<tool>} is a picked tool of
 * one of the tenant's MCP servers.
 */
@Service
public class ToolCatalog {

    public record ToolType(String id, String description, boolean configurable) {
    }

    private final Map<String, ToolFactory> factories;
    private final TenantTools tenantTools;
    private final McpTools mcpTools;

    ToolCatalog(List<ToolFactory> factories, TenantTools tenantTools, McpTools mcpTools) {
        this.factories = factories.stream().collect(Collectors.toMap(ToolFactory::id, Function.identity()));
        this.tenantTools = tenantTools;
        this.mcpTools = mcpTools;
    }

    public List<ToolType> types() {
        return factories.values().stream().map(f -> new ToolType(f.id(), f.description(), f.configurable()))
                .sorted(Comparator.comparing(ToolType::id)).toList();
    }

    public Optional<ToolFactory> factory(String type) {
        return Optional.ofNullable(factories.get(type));
    }

    public boolean isBuiltIn(String name) {
        ToolFactory f = factories.get(name);
        return f != null && !f.configurable();
    }

    public Optional<AgentTool> resolve(String name) {
        if (name == null) {
            return Optional.empty();
        }
        if (isBuiltIn(name)) {
            ToolFactory f = factories.get(name);
            return Optional.of(f.create(ToolSettings.builtIn(f.id(), f.description())));
        }
        if (McpTools.isMcpName(name)) {
            return mcpTools.resolve(name);
        }
        return tenantTools.settings(name).flatMap(s -> factory(s.type()).map(f -> f.create(s)));
    }

    /** The factories of the built-in tools (one tool each, no configuration). */
    public List<ToolFactory> builtIns() {
        return factories.values().stream().filter(f -> !f.configurable()).toList();
    }

    /** Every tool the tenant can give an agent: the built-ins and its own. */
    public List<String> available() {
        List<String> names = new ArrayList<>(factories.values().stream().filter(f -> !f.configurable()).map(ToolFactory::id).sorted().toList());
        tenantTools.list().forEach(t -> names.add(t.name()));
        mcpTools.available().forEach(t -> names.add(t.name()));
        return names;
    }

    /** The picked tools of the tenant's MCP servers. */
    public List<McpToolEntry> mcpTools() {
        return mcpTools.available();
    }
}
