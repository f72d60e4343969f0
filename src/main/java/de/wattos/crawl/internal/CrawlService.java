package de.wattos.crawl.internal;

import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.DomainEvents;
import de.wattos.platform.events.EventDomain;
import de.wattos.platform.ApiException;
import de.wattos.platform.CurrentActor;
import de.wattos.platform.cluster.ClusterSignals;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Crawl runs of the current tenant as the API sees them. */
@Service
public class CrawlService {

    private final SourceService sources;
    private final Runs runs;
    private final CrawlRunQueue queue;
    private final CrawlEngine engine;
    private final DomainEvents bus;

    /** A cancel reaches the node crawling the run at once (without it, at the run's next progress write). */
    static final String CANCEL = "crawl.cancel";

    private final ClusterSignals signals;

    public CrawlService(SourceService sources, Runs runs, CrawlRunQueue queue, CrawlEngine engine, DomainEvents bus,
            ClusterSignals signals) {
        this.signals = signals;
        signals.subscribe(CANCEL, runId -> {
            try {
                engine.cancelLocal(UUID.fromString(runId));
            } catch (IllegalArgumentException malformed) {
                // not a run id: nothing to stop
            }
        });
        this.sources = sources;
        this.runs = runs;
        this.queue = queue;
        this.engine = engine;
        this.bus = bus;
    }

    public CrawlRun start(UUID sourceId) {
        WebsiteSource source = sources.get(sourceId);
        CrawlRun run = queue.enqueue(source, "manual", CurrentActor.get().label());
        bus.publish(DomainEvent.of(EventDomain.KNOWLEDGE, "crawl_run.requested", DomainEvent.Subject.of("crawl_run", run.id()),
                Map.of("sourceId", sourceId.toString())));
        return run;
    }

    public CrawlRun get(UUID runId) {
        return runs.find(runId).orElseThrow(() -> ApiException.notFound("Crawl run"));
    }

    public List<Runs.Failure> failures(UUID runId) {
        return runs.failures(runId, 1000);
    }

    public List<CrawlRun> list(UUID sourceId, int limit, int offset) {
        sources.get(sourceId);
        return runs.findBySource(sourceId, limit, offset);
    }

    public long count(UUID sourceId) {
        return runs.countBySource(sourceId);
    }

    public CrawlRun cancel(UUID runId) {
        CrawlRun run = get(runId);
        if (run.status().terminal()) {
            return run;
        }
        if (runs.requestCancel(runId)) {
            engine.cancelLocal(runId);
            signals.publish(CANCEL, runId.toString());
            bus.publish(DomainEvent.of(EventDomain.KNOWLEDGE, "crawl_run.cancelled", DomainEvent.Subject.of("crawl_run", runId),
                    Map.of("sourceId", run.sourceId().toString())));
        }
        return get(runId);
    }
}
