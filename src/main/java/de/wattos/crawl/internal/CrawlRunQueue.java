package de.wattos.crawl.internal;

import de.wattos.crawl.internal.CrawlRun.Counters;
import de.wattos.crawl.internal.CrawlRun.Status;
import de.wattos.platform.ApiException;
import de.wattos.platform.Ids;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Puts crawl runs into the queue (current tenant); one queued or running run per source at a time. */
@Component
public class CrawlRunQueue {

    private final Runs runs;
    private final RunDispatcher dispatcher;

    public CrawlRunQueue(Runs runs, RunDispatcher dispatcher) {
        this.runs = runs;
        this.dispatcher = dispatcher;
    }

    /** Queues a run requested by a user; 409 {@code crawl_already_active} if the source has one queued or running. */
    public CrawlRun enqueue(WebsiteSource source, String trigger, String requestedBy) {
        Optional<CrawlRun> active = runs.findActive(source.id());
        if (active.isPresent()) {
            throw conflict(active.get());
        }
        try {
            CrawlRun run = newRun(source, trigger, requestedBy);
            runs.insert(run);
            dispatcher.wake();
            return run;
        } catch (DuplicateKeyException e) {
            throw conflict(runs.findActive(source.id()).orElse(null));
        }
    }

    /** Queues a scheduled run unless one is already queued or running. */
    public Optional<CrawlRun> enqueueScheduled(WebsiteSource source) {
        if (runs.findActive(source.id()).isPresent()) {
            return Optional.empty();
        }
        try {
            CrawlRun run = newRun(source, "schedule", "system");
            runs.insert(run);
            dispatcher.wake();
            return Optional.of(run);
        } catch (DuplicateKeyException e) {
            return Optional.empty();
        }
    }

    private static CrawlRun newRun(WebsiteSource source, String trigger, String requestedBy) {
        TenantRef t = TenantContext.current();
        ZoneId zone = t.timeZone() == null ? ZoneId.of("Europe/Berlin") : t.timeZone();
        return new CrawlRun(Ids.newId(), t.id(), source.id(), source.spaceId(), Status.QUEUED, trigger, requestedBy,
                t.slug() == null ? t.id().toString() : t.slug(), t.locale(), zone.getId(), null, false, Instant.now(),
                null, null, Counters.ZERO, false, null);
    }

    private static ApiException conflict(CrawlRun active) {
        return new ApiException(HttpStatus.CONFLICT, "crawl_already_active",
                "This source already has a crawl run that is queued or running",
                java.util.List.of(), active == null ? Map.of() : Map.of("activeRunId", active.id().toString()));
    }
}
