package de.wattos.knowledge;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A retrieval source outside WattOS whose passages are added after the tenant's own hits (e.g. F13's
 * {@code /rag/database}). Both methods run for the current tenant; a source set up for another tenant is never asked.
 */
public interface ExternalKnowledgeSource {

    /**
     * How long the current tenant's source may take; empty when it is not set up (or not enabled) for the current
     * tenant, then nothing is asked. Called for every question, so it must be cheap (no remote call).
     */
    Optional<Duration> timeout();

    /**
     * At most {@code max} passages for the question, within {@code timeout}. Never throws: a source that is slow, down
     * or answers garbage yields an empty list and records the failure itself.
     */
    List<ExternalPassage> find(String question, int max, Duration timeout);
}
