package de.wattos.crawl.internal;

import de.wattos.audit.AuditEntry;
import de.wattos.audit.AuditLog;
import de.wattos.platform.ApiException;
import de.wattos.platform.CurrentActor;
import de.wattos.platform.TenantContext;
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
    private final AuditLog audit;

    public CrawlService(SourceService sources, Runs runs, CrawlRunQueue queue, CrawlEngine engine, AuditLog audit) {
        this.sources = sources;
        this.runs = runs;
        this.queue = queue;
        this.engine = engine;
        this.audit = audit;
    }

    public CrawlRun start(UUID sourceId) {
        WebsiteSource source = sources.get(sourceId);
        CrawlRun run = queue.enqueue(source, "manual", CurrentActor.get().label());
        audit.record(AuditEntry.success(TenantContext.currentId(), CurrentActor.get(), "crawl_run.requested",
                "crawl_run", run.id().toString(), Map.of("sourceId", sourceId.toString())));
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
            audit.record(AuditEntry.success(TenantContext.currentId(), CurrentActor.get(), "crawl_run.cancelled",
                    "crawl_run", runId.toString(), Map.of("sourceId", run.sourceId().toString())));
        }
        return get(runId);
    }
}
