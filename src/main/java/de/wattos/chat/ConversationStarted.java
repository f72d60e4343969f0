package de.wattos.chat;

import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.EventDomain;
import de.wattos.platform.events.ModuleEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A conversation was started (published on the event bus and stored for analytics). The conversation id also
 * identifies the event. {@code widgetId} and {@code visitorId} (the widget's pseudonymous visitor id, never a name
 * or address) are set for widget conversations; {@code agentId} once agents exist.
 */
public record ConversationStarted(UUID tenantId, UUID conversationId, String channel, String locale,
        List<UUID> spaceIds, Instant occurredAt, UUID widgetId, String visitorId, UUID agentId)
        implements ModuleEvent {

    public ConversationStarted {
        spaceIds = spaceIds == null ? List.of() : List.copyOf(spaceIds);
    }

    @Override
    public EventDomain domain() {
        return EventDomain.CHANNEL;
    }

    @Override
    public String type() {
        return "conversation.started";
    }

    @Override
    public DomainEvent.Subject subject() {
        return DomainEvent.Subject.of("conversation", conversationId);
    }
}
