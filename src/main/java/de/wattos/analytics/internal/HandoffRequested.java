package de.wattos.analytics.internal;

import de.wattos.platform.events.DomainEvent;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A handoff to a person, as analytics keeps it in its event log: the agent module announces it only as an envelope
 * ({@code channel.handoff.requested}), so its fields are taken from the payload once, here.
 */
record HandoffRequested(UUID tenantId, UUID eventId, UUID conversationId, String reason, String outcome,
        Instant occurredAt) {

    static final String TOPIC = "channel.handoff.requested";

    /** The handoff of a conversation; empty for one without (an API run), which no conversation rate can count. */
    static Optional<HandoffRequested> of(DomainEvent e) {
        Object conversation = e.payload().get("conversationId");
        if (e.tenantId() == null || conversation == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new HandoffRequested(e.tenantId(), e.id(), UUID.fromString(conversation.toString()),
                    text(e.payload().get("reason")), text(e.payload().get("outcome")), e.occurredAt()));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String s = value.toString().strip();
        return s.isEmpty() ? null : s.length() > 200 ? s.substring(0, 200) : s;
    }
}
