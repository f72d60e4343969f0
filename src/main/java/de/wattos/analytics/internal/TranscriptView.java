package de.wattos.analytics.internal;

import de.wattos.chat.ConversationRecords;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * One conversation of the log with its transcript (sources and feedback per answer), texts masked by role.
 * Tool steps are not part of chat's records yet, so none appear here.
 */
public record TranscriptView(UUID conversationId, Instant startedAt, Instant lastActivityAt, String title,
        String channel, String locale, UUID widgetId, UUID agentId, boolean returningVisitor, int answers,
        int noAnswers, int thumbsUp, int thumbsDown, List<Message> messages) {

    public record Message(UUID messageId, String role, String content, Instant at, boolean noAnswer, String status,
            String model, Long latencyMs, List<ConversationRecords.Source> sources, List<Feedback> feedback) {
    }

    public record Feedback(String rating, String comment, Boolean solved, Instant at) {
    }

    /** From analytics' row and chat's transcript, either of which may be missing (not both). */
    public static TranscriptView of(java.util.Optional<ConversationLog.Summary> summary,
            java.util.Optional<ConversationRecords.Transcript> transcript, UnaryOperator<String> mask) {
        ConversationRecords.Transcript t = transcript.orElse(null);
        ConversationLog.Summary s = summary.orElseGet(() -> new ConversationLog.Summary(t.conversationId(),
                t.startedAt(), t.channel(), null, t.agentId(), false,
                (int) t.messages().stream().filter(m -> m.role().equals("assistant")).count(),
                (int) t.messages().stream().filter(ConversationRecords.Entry::noAnswer).count(), 0, 0, null));
        return of(s, t, mask);
    }

    /** {@code transcript} may be null when chat no longer holds the conversation. */
    static TranscriptView of(ConversationLog.Summary s, ConversationRecords.Transcript t, UnaryOperator<String> mask) {
        List<Message> messages = t == null ? List.of() : t.messages().stream()
                .map(m -> new Message(m.messageId(), m.role(), mask.apply(m.content()), m.at(), m.noAnswer(),
                        m.status(), m.model(), m.latencyMs(), m.sources(), m.feedback().stream()
                        .map(f -> new Feedback(f.rating(), mask.apply(f.comment()), f.solved(), f.at())).toList()))
                .toList();
        return new TranscriptView(s.conversationId(), s.startedAt(), t == null ? null : t.lastActivityAt(),
                t == null ? null : mask.apply(t.title()), s.channel(), t == null ? null : t.locale(), s.widgetId(),
                s.agentId(), s.returningVisitor(), s.answers(), s.noAnswers(), s.thumbsUp(), s.thumbsDown(), messages);
    }
}
