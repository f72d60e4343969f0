package de.wattos.agent.internal.run;

import de.wattos.agent.internal.tool.spi.ToolSource;
import de.wattos.llm.ModelRequest.ModelMessage;
import de.wattos.llm.ToolCall;
import java.util.ArrayList;
import java.util.List;

/**
 * What a run needs to go on from where it stopped: the model conversation so far, the sources collected, how many
 * steps were taken, and the calls of the current turn that still wait (for an approval).
 */
public record RunState(List<ModelMessage> messages, List<ToolSource> sources, int modelSteps, int toolSteps,
        List<ToolCall> pendingCalls, List<ModelMessage> pendingResults) {

    public RunState {
        messages = messages == null ? new ArrayList<>() : new ArrayList<>(messages);
        sources = sources == null ? new ArrayList<>() : new ArrayList<>(sources);
        pendingCalls = pendingCalls == null ? List.of() : List.copyOf(pendingCalls);
        pendingResults = pendingResults == null ? new ArrayList<>() : new ArrayList<>(pendingResults);
    }

    public static RunState start(List<ModelMessage> messages) {
        return new RunState(messages, List.of(), 0, 0, List.of(), List.of());
    }
}
