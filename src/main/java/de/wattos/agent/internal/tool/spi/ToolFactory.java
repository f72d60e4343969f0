package de.wattos.agent.internal.tool.spi;

import java.util.Map;

/**
 * The SPI entry, shaped like the model providers' factory: a stable id ({@code http_request}, {@code service_link} …)
 * that turns a tool configuration into a runnable tool. Built-in factories create one tool per tenant without
 * configuration; configurable ones (tenant-defined APIs) create one tool per stored configuration.
 */
public interface ToolFactory {

    String id();

    /** What the tool does, for the console (German). */
    String description();

    /** True if tenants define instances of this type (with their own name, configuration and secrets). */
    boolean configurable();

    /** Checks a configuration before it is stored; returns the problems (field → message), empty if fine. */
    default Map<String, String> validate(ToolSettings settings) {
        return Map.of();
    }

    AgentTool create(ToolSettings settings);
}
