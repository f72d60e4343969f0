package de.wattos.chat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A conversation was started (published as a Spring application event and stored for analytics). The
 * conversation id is also the event's id. {@code widgetId} and {@code visitorId} (the widget's pseudonymous
 * visitor id, never a name or address) are set for widget conversations; {@code agentId} once agents exist.
 */
public record ConversationStarted(UUID tenantId, UUID conversationId, String channel, String locale,
        List<UUID> spaceIds, Instant occurredAt, UUID widgetId, String visitorId, UUID agentId) {

    public ConversationStarted {
        spaceIds = spaceIds == null ? List.of() : List.copyOf(spaceIds);
    }
}
