package de.wattos.agent.internal.tool.spi;

import java.util.Map;

/** One tool configuration; {@code secrets} are plain here and live only in memory. */
public record ToolSettings(String name, String type, String description, Map<String, Object> config,
        Map<String, String> secrets) {

    public ToolSettings {
        config = config == null ? Map.of() : Map.copyOf(config);
        secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
    }

    public static ToolSettings builtIn(String type, String description) {
        return new ToolSettings(type, type, description, Map.of(), Map.of());
    }

    @Override
    public String toString() {
        return "ToolSettings[" + name + ", " + type + "]"; // never the secrets
    }
}
