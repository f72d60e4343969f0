package de.wattos.chat;

import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.EventDomain;
import de.wattos.platform.events.ModuleEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An assistant answer finished (completely, stopped, cancelled or failed: see {@code finishReason}).
 * {@code latencyMs} runs from the request arriving to the last token, {@code timeToFirstTokenMs} to the first
 * token sent to the client (null if none was). Published on the event bus and stored for analytics; the message
 * id also identifies the event. {@code question} is the citizen's question as asked (analytics mines unanswered
 * ones), {@code citations} the sources the answer cites.
 */
public record MessageAnswered(UUID tenantId, UUID conversationId, UUID messageId, String channel, String provider,
        String model, long latencyMs, Long timeToFirstTokenMs, int inputTokens, int outputTokens, int citationCount,
        boolean noAnswer, String finishReason, Instant occurredAt, String question, List<CitedSource> citations)
        implements ModuleEvent {

    public MessageAnswered {
        citations = citations == null ? List.of() : List.copyOf(citations);
    }

    /** A cited source: the document and where it can be read. */
    public record CitedSource(UUID documentId, String title, String url) {
    }

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
