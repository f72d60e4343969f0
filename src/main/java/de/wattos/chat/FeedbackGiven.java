package de.wattos.chat;

import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.EventDomain;
import de.wattos.platform.events.ModuleEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * Someone rated an assistant answer ({@code rating} is {@code up} or {@code down}). {@code feedbackId} is the
 * stored rating's id and identifies the event (a message may be rated more than once).
 */
public record FeedbackGiven(UUID tenantId, UUID conversationId, UUID messageId, String rating, Boolean solved,
        boolean withComment, Instant occurredAt, UUID feedbackId)
        implements ModuleEvent {

    @Override
    public EventDomain domain() {
        return EventDomain.CHANNEL;
    }

    @Override
    public String type() {
        return "feedback.given";
    }

    @Override
    public DomainEvent.Subject subject() {
        return DomainEvent.Subject.of("message", messageId);
    }
}
