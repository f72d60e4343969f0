package de.wattos.agent.internal.run;

import de.wattos.llm.ToolCall;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An approval task as staff see it: the proposed calls with their real arguments (staff decide on them). */
public record Approval(UUID id, UUID runId, UUID agentId, String question, List<ToolCall> calls, ApprovalStatus status,
        String decidedBy, Instant decidedAt, String note, Instant expiresAt, Instant createdAt) {
}
