package de.wattos.agent.internal.tool.spi;

import java.util.Map;

/**
 * A tool the model may call: a name, a description and a JSON schema for its arguments. {@link #invoke} runs on
 * the calling (virtual) thread and blocks; the run loop owns timeouts and recording. Failures are
 * {@link ToolException}s with a stable code, never secrets in their messages.
 */
public interface AgentTool {

    String name();

    String type();

    String description();

    /** JSON schema (type object) of the arguments. */
    Map<String, Object> parameters();

    ToolOutput invoke(Map<String, Object> arguments, ToolContext context);
}
