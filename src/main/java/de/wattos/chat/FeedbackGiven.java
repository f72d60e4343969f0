package de.wattos.chat;

import java.time.Instant;
import java.util.UUID;

/**
 * Someone rated an assistant answer ({@code rating} is {@code up} or {@code down}). {@code feedbackId} is the
 * stored rating's id and the event's id (a message may be rated more than once).
 */
public record FeedbackGiven(UUID tenantId, UUID conversationId, UUID messageId, String rating, Boolean solved,
        boolean withComment, Instant occurredAt, UUID feedbackId) {
}
