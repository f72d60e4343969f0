package de.wattos.agent.internal.tool.builtin;

import de.wattos.agent.internal.tool.spi.AgentTool;
import de.wattos.agent.internal.tool.spi.ToolContext;
import de.wattos.agent.internal.tool.spi.ToolOutput;
import java.util.Map;

/** A built-in tool: its name is its type, its behaviour the factory's invocation. */
record BuiltinTool(String name, String description, Map<String, Object> parameters, Invocation invocation)
        implements AgentTool {

    @FunctionalInterface
    interface Invocation {
        ToolOutput invoke(Map<String, Object> arguments, ToolContext context);
    }

    @Override
    public String type() {
        return name;
    }

    @Override
    public ToolOutput invoke(Map<String, Object> arguments, ToolContext context) {
        return invocation.invoke(arguments, context);
    }
}
