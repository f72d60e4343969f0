package de.wattos.chat;

import java.time.Instant;
import java.util.UUID;

/** Someone rated an assistant answer ({@code rating} is {@code up} or {@code down}). */
public record FeedbackGiven(UUID tenantId, UUID conversationId, UUID messageId, String rating, Boolean solved,
        boolean withComment, Instant occurredAt) {
}
