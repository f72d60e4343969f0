package de.wattos.chat;

import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.EventDomain;
import de.wattos.platform.events.ModuleEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A conversation was started (published as a Spring application event and stored for analytics). */
public record ConversationStarted(UUID tenantId, UUID conversationId, String channel, String locale,
        List<UUID> spaceIds, Instant occurredAt)
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
