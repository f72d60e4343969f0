package de.wattos.crawl;

import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.EventDomain;
import de.wattos.platform.events.ModuleEvent;
import java.util.Locale;
import java.util.UUID;

/**
 * Published on the event bus when a crawl run ended (topics {@code knowledge.crawl.<status>}). {@code status} is {@code succeeded}, {@code failed} or {@code cancelled};
 * the counts are the run's counters.
 */
public record CrawlFinished(UUID tenantId, UUID spaceId, UUID sourceId, UUID runId, String status, int fetched,
        int newDocuments, int changed, int unchanged, int removed, int failed)
        implements ModuleEvent {

    @Override
    public Header header() {
        return new Header(EventDomain.KNOWLEDGE, "crawl." + status.toLowerCase(Locale.ROOT),
                DomainEvent.Subject.of("crawl_run", runId));
    }
}
