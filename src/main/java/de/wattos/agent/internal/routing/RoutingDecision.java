package de.wattos.agent.internal.routing;

import java.time.Instant;
import java.util.UUID;

/**
 * A recorded routing decision: the question (personal data masked, shortened) went to {@code agentId}; it came from
 * {@code fromAgentId}; {@code method} {@code model} (the routing call decided) or {@code lexical} (the words did);
 * {@code score} the chosen agent's evidence (0–1).
 */
public record RoutingDecision(UUID conversationId, String question, UUID agentId, String agentName, UUID fromAgentId,
        String fromAgentName, boolean switched, String method, double score, Instant decidedAt) {
}
