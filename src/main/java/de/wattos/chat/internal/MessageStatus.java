package de.wattos.chat.internal;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a stored message stands ({@code chat_messages.status} and the {@code status} of a message in the REST API,
 * both by the {@link #wire() wire} value): an answer is {@code streaming} while it is generated, then
 * {@code complete}, {@code incomplete} (stopped, cancelled or broken off after some text) or {@code error}
 * (nothing arrived). Questions and posted messages are {@code complete}.
 */
public enum MessageStatus {
    STREAMING, COMPLETE, INCOMPLETE, ERROR;

    /** The value in the database and in JSON. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status of a stored value; unknown values are refused. */
    public static MessageStatus of(String wire) {
        if (wire == null) {
            throw new IllegalArgumentException("A message status is required");
        }
        return valueOf(wire.strip().toUpperCase(Locale.ROOT));
    }

    /** The status a finished answer gets from its finish reason ({@code stop}, {@code length}, {@code stopped} …). */
    public static MessageStatus ofFinishReason(String finishReason) {
        return switch (finishReason == null ? "" : finishReason) {
            case "error" -> ERROR;
            case "incomplete", "cancelled", "stopped", "timeout" -> INCOMPLETE;
            default -> COMPLETE;
        };
    }
}
