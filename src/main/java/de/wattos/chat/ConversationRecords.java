package de.wattos.chat;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The stored conversations of the current tenant ({@code TenantContext}) as records: transcripts for the
 * conversation log and its export, and erasure for retention and GDPR requests. Other modules read chat's data
 * only through this interface.
 */
public interface ConversationRecords {

    Optional<Transcript> transcript(UUID conversationId);

    /** Transcripts of the given conversations that exist, in the order of {@code conversationIds}. */
    List<Transcript> transcripts(List<UUID> conversationIds);

    /** Up to {@code limit} conversations whose last activity lies before {@code cutoff}, oldest first. */
    List<UUID> inactiveSince(Instant cutoff, int limit);

    /**
     * Erases the conversations with their messages, feedback and chat's event records of them. Idempotent:
     * conversations already gone are skipped. Answers the ids of those erased.
     */
    Set<UUID> erase(Collection<UUID> conversationIds);

    record Transcript(UUID conversationId, String title, String channel, String locale, UUID agentId,
            Instant startedAt, Instant lastActivityAt, List<Entry> messages) {
    }

    /**
     * One message; {@code role} is {@code user} or {@code assistant}; feedback only on assistant messages.
     * {@code status} as in the REST API: {@code streaming}, {@code complete}, {@code incomplete} or {@code error}.
     */
    record Entry(UUID messageId, String role, String content, Instant at, boolean noAnswer, String status,
            String model, Long latencyMs, List<Source> sources, List<Feedback> feedback) {
    }

    /** {@code curated}: an approved knowledge article; {@code origin}: null = the tenant's own knowledge, {@code f13} = F13. */
    record Source(int n, String title, String url, boolean curated, String origin) {
        public Source(int n, String title, String url) {
            this(n, title, url, false, null);
        }
    }

    record Feedback(String rating, String comment, Boolean solved, Instant at) {
    }
}
