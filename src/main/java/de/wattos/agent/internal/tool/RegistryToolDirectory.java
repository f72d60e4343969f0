package de.wattos.agent.internal.tool;

import de.wattos.agent.internal.tool.spi.ToolFactory;
import de.wattos.character.AgentToolDirectory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;

/** The character module's view of this module's tool registry: built-in tools, the tenant's own and its MCP servers' picked tools. */
@Component
class RegistryToolDirectory implements AgentToolDirectory {

    private final ToolCatalog catalog;
    private final TenantTools tenantTools;

    RegistryToolDirectory(ToolCatalog catalog, TenantTools tenantTools) {
        this.catalog = catalog;
        this.tenantTools = tenantTools;
    }

    @Override
    public List<AvailableTool> available() {
        List<AvailableTool> tools = new ArrayList<>();
        catalog.builtIns().stream().sorted(Comparator.comparing(ToolFactory::id))
                .forEach(f -> tools.add(new AvailableTool(f.id(), f.description(), false)));
        tenantTools.list().forEach(t -> tools.add(new AvailableTool(t.name(), t.description(), true)));
        catalog.mcpTools().forEach(t -> tools.add(new AvailableTool(t.name(), t.description(), true)));
        return tools;
    }
}
