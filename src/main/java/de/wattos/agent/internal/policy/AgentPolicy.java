package de.wattos.agent.internal.policy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * What one agent may do, in one place, evaluated on every step: the tools it may call, those that need a person's
 * approval first, the most model steps per question, topics it refuses and topics it hands to a person, and what its
 * model calls may cost per conversation in EUR ({@code maxCostEurPerConversation}, at the llm module's prices; null: no
 * cap).
 */
public record AgentPolicy(List<String> allowedTools, List<String> approvalTools, Integer maxSteps, List<String> refusedTopics,
        List<String> handoffTopics, BigDecimal maxCostEurPerConversation) {

    /** The largest cost cap a policy may name (a typo guard, not a price judgement). */
    public static final BigDecimal MAX_COST_EUR = new BigDecimal("10000");
    public static final BigDecimal MIN_COST_EUR = new BigDecimal("0.01");

    public static final List<String> DEFAULT_TOOLS = List.of("knowledge_search", "service_link", "current_time", "handoff_to_human");
    public static final int DEFAULT_MAX_STEPS = 6;

    public AgentPolicy {
        allowedTools = allowedTools == null ? DEFAULT_TOOLS : List.copyOf(allowedTools);
        approvalTools = approvalTools == null ? List.of() : List.copyOf(approvalTools);
        maxSteps = maxSteps == null || maxSteps <= 0 ? DEFAULT_MAX_STEPS : maxSteps;
        refusedTopics = refusedTopics == null ? List.of() : List.copyOf(refusedTopics);
        handoffTopics = handoffTopics == null ? List.of() : List.copyOf(handoffTopics);
    }

    public static AgentPolicy defaults() {
        return new AgentPolicy(null, null, null, null, null, null);
    }

    public boolean allows(String tool) {
        return allowedTools.contains(tool);
    }

    public boolean needsApproval(String tool) {
        return approvalTools.contains(tool);
    }

    /** The first of {@code topics} the question names (case-insensitive), or null. */
    public static String named(String question, List<String> topics) {
        String q = question.toLowerCase(Locale.GERMAN);
        for (String topic : topics) {
            if (topic != null && !topic.isBlank() && q.contains(topic.toLowerCase(Locale.GERMAN).strip())) {
                return topic;
            }
        }
        return null;
    }
}
