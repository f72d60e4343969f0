package de.wattos.chat.internal;

import de.wattos.chat.Chat;
import java.util.List;
import java.util.UUID;

/** The event model shared by Server-Sent Events and the WebSocket: one record per event name. */
public final class StreamEvents {

    private StreamEvents() {
    }

    public record Start(UUID conversationId, UUID messageId, String model) {
    }

    public record Delta(String text) {
    }

    public record Citations(List<Chat.Citation> citations) {
    }

    public record Usage(int inputTokens, int outputTokens) {
    }

    /** {@code author}: who answered when it was not the chat itself (an agent's name); null otherwise. */
    /** {@code author} and {@code agentId} name the agent that answered (routing may have picked another one). */
    public record End(UUID messageId, String finishReason, Usage usage, long latencyMs, boolean noAnswer, String author,
            UUID agentId) {

        public End(UUID messageId, String finishReason, Usage usage, long latencyMs, boolean noAnswer) {
            this(messageId, finishReason, usage, latencyMs, noAnswer, null, null);
        }
    }

    public record Error(String code, String message) {
    }
}
