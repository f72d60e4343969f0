package de.wattos.agent.internal.run;

import de.wattos.agent.internal.tool.ToolCallResult;
import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.DomainEvents;
import de.wattos.platform.events.EventDomain;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The agent's events on the bus (topics): {@code intent.recognised} (IntentRecognised), {@code tool.called}
 * (ToolCalled), {@code tool.approval.requested/granted/denied}, {@code channel.handoff.requested}. Payloads carry ids, names and
 * outcomes, never arguments or results (they may hold personal data).
 */
@Component
public class AgentAnnouncements {

    private final DomainEvents events;

    AgentAnnouncements(DomainEvents events) {
        this.events = events;
    }

    void intent(UUID runId, UUID agentId, String intent, String detail) {
        Map<String, Object> payload = base(runId, agentId);
        payload.put("intent", intent);
        if (detail != null) {
            payload.put("detail", detail);
        }
        events.publish(DomainEvent.of(EventDomain.INTENT, "recognised", DomainEvent.Subject.of("agent_run", runId), payload));
    }

    void toolCalled(UUID runId, UUID agentId, String tool, ToolCallResult result) {
        Map<String, Object> payload = base(runId, agentId);
        payload.put("tool", tool);
        payload.put("outcome", result.outcome().wire());
        payload.put("latencyMs", result.latencyMs());
        payload.put("resultChars", result.content() == null ? 0 : result.content().length());
        events.publish(DomainEvent.of(EventDomain.TOOL, "called", DomainEvent.Subject.of("agent_run", runId), payload));
    }

    void approval(String type, UUID runId, UUID agentId, UUID approvalId, String tools) {
        Map<String, Object> payload = base(runId, agentId);
        payload.put("approvalId", approvalId.toString());
        payload.put("tools", tools);
        events.publish(DomainEvent.of(EventDomain.TOOL, type, DomainEvent.Subject.of("agent_approval", approvalId), payload));
    }

    void handoffRequested(UUID runId, UUID agentId, UUID conversationId, String reason) {
        Map<String, Object> payload = base(runId, agentId);
        payload.put("reason", reason);
        if (conversationId != null) {
            payload.put("conversationId", conversationId.toString());
        }
        events.publish(DomainEvent.of(EventDomain.CHANNEL, "handoff.requested", DomainEvent.Subject.of("agent_run", runId), payload));
    }

    private static Map<String, Object> base(UUID runId, UUID agentId) {
        Map<String, Object> payload = new HashMap<>();
        payload.put("runId", runId.toString());
        if (agentId != null) {
            payload.put("agentId", agentId.toString());
        }
        return payload;
    }
}
