package de.wattos.agent.internal.tool;

import de.wattos.agent.internal.tool.spi.ToolSource;
import java.util.List;

/**
 * One finished tool call: {@code content} is what the model reads next (the tool's JSON, or an error object it can
 * correct itself from); {@code errorCode} null when the call worked.
 */
public record ToolCallResult(ToolOutcome outcome, String content, List<ToolSource> sources, long latencyMs,
        String errorCode) {

    public ToolCallResult {
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    public boolean ok() {
        return outcome == ToolOutcome.OK;
    }
}
