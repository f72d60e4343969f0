package de.wattos.chat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A conversation was started (published as a Spring application event and stored for analytics). */
public record ConversationStarted(UUID tenantId, UUID conversationId, String channel, String locale,
        List<UUID> spaceIds, Instant occurredAt) {

    public ConversationStarted {
        spaceIds = spaceIds == null ? List.of() : List.copyOf(spaceIds);
    }
}
