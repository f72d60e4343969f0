package de.wattos.agent.internal.run;

import de.wattos.agent.internal.tool.ToolOutcome;

/** One recorded step: a model call ({@code tool} null) or a tool call with its PII-masked arguments. */
public record RunStep(int n, String kind, String tool, String arguments, ToolOutcome outcome, int resultChars,
        long latencyMs, String errorCode) {

    public static final String MODEL = "model";
    public static final String TOOL = "tool";
}
