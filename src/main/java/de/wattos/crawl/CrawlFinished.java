package de.wattos.crawl;

import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.EventDomain;
import de.wattos.platform.events.ModuleEvent;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * Published when a crawl run ended. {@code status} is {@code succeeded}, {@code failed} or {@code cancelled};
 * the counts are the run's counters. The run id also identifies the event.
 */
public record CrawlFinished(UUID tenantId, UUID spaceId, UUID sourceId, UUID runId, String status, int fetched,
        int newDocuments, int changed, int unchanged, int removed, int failed, Instant finishedAt)
        implements ModuleEvent {

    @Override
    public EventDomain domain() {
        return EventDomain.KNOWLEDGE;
    }

    /** {@code crawl.succeeded}, {@code crawl.failed} or {@code crawl.cancelled}. */
    @Override
    public String type() {
        return "crawl." + status.toLowerCase(Locale.ROOT);
    }

    @Override
    public DomainEvent.Subject subject() {
        return DomainEvent.Subject.of("crawl_run", runId);
    }
}
