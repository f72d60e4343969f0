package de.wattos.chat.internal.web;

import de.wattos.chat.Chat;
import de.wattos.chat.internal.Conversations;
import de.wattos.chat.internal.MessageStatus;
import de.wattos.chat.internal.Messages;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of the chat REST API. */
final class ChatViews {

    private ChatViews() {
    }

    record StartConversation(List<UUID> spaceIds, String title, String channel, String locale, UUID agentId) {
    }

    record Created(UUID id) {
    }

    record PostMessage(String content, Boolean stream) {
    }

    record Feedback(String rating, String comment, Boolean solved) {
    }

    record Usage(int inputTokens, int outputTokens) {
    }

    record MessageView(UUID id, String role, String content, List<Chat.Citation> citations, boolean noAnswer,
            String model, Usage usage, Long latencyMs, Long timeToFirstTokenMs, String finishReason, MessageStatus status,
            String searchQuery, OffsetDateTime createdAt, String author) {

        static MessageView of(Messages.Message m) {
            boolean user = "user".equals(m.role());
            return new MessageView(m.id(), m.role(), m.content(), m.citations(), m.noAnswer(), user ? null : m.model(),
                    user ? null : new Usage(m.inputTokens(), m.outputTokens()), m.latencyMs(), m.timeToFirstTokenMs(),
                    m.finishReason(), m.status(), m.searchQuery(), m.createdAt(), m.author());
        }

        static MessageView of(Chat.AnswerSummary a) {
            return new MessageView(a.messageId(), "assistant", a.content(), a.citations(), a.noAnswer(), a.model(),
                    new Usage(a.inputTokens(), a.outputTokens()), a.latencyMs(), null, a.finishReason(), MessageStatus.ofFinishReason(a.finishReason()),
                    null, OffsetDateTime.now(), null);
        }
    }

    record Answer(MessageView message) {
    }

    record ConversationView(UUID id, String title, String channel, String locale, List<UUID> spaceIds,
            int messageCount, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

        static ConversationView of(Conversations.Conversation c) {
            return new ConversationView(c.id(), c.title(), c.channel(), c.locale(), c.spaceIds(), c.messageCount(),
                    c.createdAt(), c.updatedAt());
        }
    }

    record ConversationDetail(UUID id, String title, String channel, String locale, List<UUID> spaceIds,
            int messageCount, OffsetDateTime createdAt, OffsetDateTime updatedAt, List<MessageView> messages) {
    }

    record PageView<T>(List<T> items, int page, int size, long total) {
    }

    record Stopped(UUID messageId, boolean stopped) {
    }
}
