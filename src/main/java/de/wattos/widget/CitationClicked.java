package de.wattos.widget;

import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.EventDomain;
import de.wattos.platform.events.ModuleEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A visitor opened a source of an answer in the widget. {@code clickId} identifies the event; the url is the
 * cited page as the widget showed it, reported only for a message of that visitor's own conversation.
 */
public record CitationClicked(UUID tenantId, UUID clickId, UUID widgetId, UUID messageId, String url, Instant occurredAt)
        implements ModuleEvent {

    @Override
    public EventDomain domain() {
        return EventDomain.CHANNEL;
    }

    @Override
    public String type() {
        return "citation.clicked";
    }

    @Override
    public DomainEvent.Subject subject() {
        return DomainEvent.Subject.of("message", messageId);
    }
}
