package de.wattos.agent.internal.tool.spi;

import java.util.List;

/** What a tool returns: {@code content} (JSON text) goes back to the model; {@code sources} become citations. */
public record ToolOutput(String content, List<ToolSource> sources) {

    public ToolOutput {
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    public static ToolOutput of(String content) {
        return new ToolOutput(content, List.of());
    }
}
