package de.wattos.agent.internal.run;

import de.wattos.agent.internal.tool.spi.ToolSource;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A run as the API shows it. */
public record AgentRun(UUID id, UUID agentId, UUID conversationId, String question, RunMode mode, RunStatus status,
        String answer, List<ToolSource> citations, List<RunStep> steps, String errorCode, Instant createdAt,
        Instant finishedAt) {
}
