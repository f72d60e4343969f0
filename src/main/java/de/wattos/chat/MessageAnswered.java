package de.wattos.chat;

import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.EventDomain;
import de.wattos.platform.events.ModuleEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * An assistant answer finished (completely, stopped, cancelled or failed: see {@code finishReason}).
 * {@code latencyMs} runs from the request arriving to the last token, {@code timeToFirstTokenMs} to the first
 * token sent to the client (null if none was). Published as a Spring application event and stored for analytics.
 */
public record MessageAnswered(UUID tenantId, UUID conversationId, UUID messageId, String channel, String provider,
        String model, long latencyMs, Long timeToFirstTokenMs, int inputTokens, int outputTokens, int citationCount,
        boolean noAnswer, String finishReason, Instant occurredAt)
        implements ModuleEvent {

    @Override
    public EventDomain domain() {
        return EventDomain.CHANNEL;
    }

    @Override
    public String type() {
        return "message.answered";
    }

    @Override
    public DomainEvent.Subject subject() {
        return DomainEvent.Subject.of("message", messageId);
    }
}
