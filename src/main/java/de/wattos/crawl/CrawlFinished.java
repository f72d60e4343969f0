package de.wattos.crawl;

import java.time.Instant;
import java.util.UUID;

/**
 * Published when a crawl run ended. {@code status} is {@code succeeded}, {@code failed} or {@code cancelled};
 * the counts are the run's counters. The run id is also the event's id.
 */
public record CrawlFinished(UUID tenantId, UUID spaceId, UUID sourceId, UUID runId, String status, int fetched,
        int newDocuments, int changed, int unchanged, int removed, int failed, Instant finishedAt) {
}
