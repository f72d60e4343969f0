package de.wattos.chat;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Who answers a conversation when the chat's own grounded answering does not: the agent module implements it (the
 * run loop with tools and approvals, or a person who took the conversation over). Chat stays below the agent layer:
 * it declares this port and asks it for every turn; without an implementation chat answers as before.
 */
public interface ConversationResponder {

    /** Who answers the next turn of a conversation. */
    enum Handling {
        /** Chat's own grounded answering. */
        CHAT,
        /** The responder answers ({@link #respond}). */
        RESPONDER,
        /** A person has the conversation: the citizen's message is stored and shown to staff, nobody answers now. */
        STAFF
    }

    /** How a responded turn ended. */
    enum Outcome {
        ANSWERED, AWAITING_APPROVAL, HANDED_OVER, REFUSED, FAILED
    }

    /**
     * One question to answer. {@code agentId} is the agent the conversation is bound to (null: none); {@code history}
     * the conversation's earlier finished messages, oldest first.
     */
    record Turn(UUID conversationId, UUID answerId, UUID agentId, String question, String language, String channel,
            List<Said> history) {

        public Turn {
            history = history == null ? List.of() : List.copyOf(history);
        }
    }

    /** An earlier message: {@code citizen} true for the citizen's, false for an assistant's or a person's. */
    record Said(boolean citizen, String content) {
    }

    /** The answer; {@code agentId}/{@code agentName} say who answered (routing may pick another agent). */
    record Reply(Outcome outcome, String text, List<Chat.Citation> citations, UUID agentId, String agentName, UUID runId,
            String model, int inputTokens, int outputTokens, String reason) {

        public Reply {
            citations = citations == null ? List.of() : List.copyOf(citations);
        }
    }

    /** Decides who answers the conversation's next turn, {@code question} (tenant from {@code TenantContext}). */
    Handling handling(UUID conversationId, UUID agentId, String question);

    /**
     * Answers on the caller's thread; text may stream through {@code deltas} before the reply returns (the reply's
     * text is the whole answer either way).
     */
    Reply respond(Turn turn, Consumer<String> deltas);

    /** The citizen wrote while a person has the conversation (called after the message is stored). */
    default void citizenWrote(UUID conversationId, UUID messageId) {
    }
}
