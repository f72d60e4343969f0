package de.wattos.analytics;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Clusters of questions the assistant could not answer (or whose answer was rated down), for other modules: the
 * knowledge-base module turns a cluster into an article draft. Tenant from {@code TenantContext}.
 */
public interface UnansweredQuestionClusters {

    record Question(UUID messageId, String text, Instant askedAt) {
    }

    /** {@code labelSource}: {@code model} or {@code extractive} (its most frequent words). */
    record ClusterQuestions(String label, String labelSource, List<String> terms, List<Question> questions) {
    }

    /**
     * The cluster that contains the message, with every question in it (clustered over the 30 days before the
     * message up to now, handled questions included); empty for an unknown message or another tenant's.
     */
    Optional<ClusterQuestions> clusterOf(UUID messageId);

    /** Marks the questions handled, e.g. once an article answers them; returns how many were still open. */
    int markHandled(List<UUID> messageIds);
}
