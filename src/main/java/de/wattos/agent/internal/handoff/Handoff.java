package de.wattos.agent.internal.handoff;

import java.time.Instant;
import java.util.UUID;

/**
 * A conversation handed to a person: why ({@code reason}, one of the fixed codes), a short summary for whoever takes
 * it, who took it and when it went back to the agent.
 */
public record Handoff(UUID id, UUID conversationId, UUID runId, UUID agentId, String reason, String summary,
        HandoffStatus status, String takenBy, Instant takenAt, Instant endedAt, String endNote, Instant createdAt) {
}
