package de.wattos.crawl.internal;

import de.wattos.crawl.CrawlFinished;
import de.wattos.crawl.internal.CrawlRun.Counters;
import de.wattos.crawl.internal.CrawlRun.Status;
import de.wattos.crawl.CrawlChangeReview;
import de.wattos.knowledge.Ingestion;
import de.wattos.knowledge.KnowledgeSpaces;
import de.wattos.platform.SecretBox;
import de.wattos.platform.TenantContext;
import de.wattos.platform.events.DomainEvents;
import de.wattos.platform.UrlGuard;
import de.wattos.tenancy.Tenants;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Executes claimed crawl runs on this node and keeps the shared HTTP client. */
@Component
public class CrawlEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CrawlEngine.class);

    private final CrawlProperties properties;
    private final Fetcher fetcher;
    private final UrlGuard guard;
    private final Sources sources;
    private final Pages pages;
    private final Runs runs;
    private final ObjectProvider<Ingestion> ingestion;
    private final ObjectProvider<KnowledgeSpaces> spaces;
    private final ObjectProvider<CrawlChangeReview> review;
    private final SecretBox secrets;
    private final DomainEvents events;
    private final Tenants tenants;
    private final MeterRegistry meters;
    private final Map<UUID, CrawlJob> active = new ConcurrentHashMap<>();
    private final Map<UUID, CrawlTimings> recentTimings = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<UUID, CrawlTimings> eldest) {
                    return size() > 100;
                }
            });
    private volatile boolean stopping;

    public CrawlEngine(CrawlProperties properties, UrlGuard guard, Sources sources, Pages pages, Runs runs,
            ObjectProvider<Ingestion> ingestion, ObjectProvider<KnowledgeSpaces> spaces, ObjectProvider<CrawlChangeReview> review, SecretBox secrets, DomainEvents events, Tenants tenants, MeterRegistry meters) {
        this.tenants = tenants;
        this.meters = meters;
        this.properties = properties;
        this.guard = guard;
        this.sources = sources;
        this.pages = pages;
        this.runs = runs;
        this.ingestion = ingestion;
        this.spaces = spaces;
        this.review = review;
        this.secrets = secrets;
        this.events = events;
        this.fetcher = new Fetcher(properties.userAgent(), properties.connectTimeout(), properties.readTimeout(),
                properties.maxBodySize().toBytes());
    }

    /** Runs a run inserted as running without a lease token (tests, tools) to its end. */
    public void execute(CrawlRun run) {
        execute(run, null);
    }

    /**
     * Runs a claimed run (status running in the database, leased with {@code leaseToken}) to its end and records the
     * outcome; a run taken over from a dead node continues from its saved frontier. If the lease is lost to another
     * node, nothing more is written; on shutdown the lease is given back so that another worker continues at once.
     */
    public void execute(CrawlRun run, UUID leaseToken) {
        var tenant = tenants.ref(run.tenantId());
        if (tenant.isEmpty()) {
            runs.finish(run.id(), leaseToken, Status.FAILED, "tenant was deleted");
            return;
        }
        TenantContext.runAs(tenant.get(), () -> {
            CrawlJob.Outcome outcome;
            CrawlJob job = null;
            long start = System.nanoTime();
            try {
                Optional<WebsiteSource> source = sources.find(run.sourceId());
                if (source.isEmpty()) {
                    outcome = new CrawlJob.Outcome(Status.FAILED, "source was deleted");
                } else if (!spaces.getObject().exists(run.spaceId())) {
                    outcome = new CrawlJob.Outcome(Status.FAILED, "knowledge space was deleted");
                } else {
                    job = new CrawlJob(run, leaseToken, source.get(), this);
                    active.put(run.id(), job);
                    log.info("Crawl {} of source {} started", run.id(), run.sourceId());
                    outcome = job.execute();
                }
            } catch (RuntimeException e) {
                log.error("Crawl {} failed", run.id(), e);
                outcome = new CrawlJob.Outcome(Status.FAILED, "internal error: " + e.getMessage());
            } finally {
                active.remove(run.id());
            }
            if (outcome.status() == null) {
                if (stopping) {
                    runs.release(run.id(), leaseToken);
                }
                log.warn("Crawl {} stopped on this node: {}", run.id(), outcome.error());
                return;
            }
            runs.finish(run.id(), leaseToken, outcome.status(), outcome.error());
            Counters c = job == null ? Counters.ZERO : job.counters();
            CrawlTimings timings = job == null ? new CrawlTimings(0, 0, 0) : job.timings();
            recentTimings.put(run.id(), timings);
            record(outcome.status(), c, System.nanoTime() - start);
            log.info("Crawl {} {} in {} ms: {}, {}", run.id(), outcome.status().value(),
                    (System.nanoTime() - start) / 1_000_000, c, timings);
            events.publish(new CrawlFinished(run.tenantId(), run.spaceId(), run.sourceId(), run.id(),
                    outcome.status().value(), c.fetched(), c.newCount(), c.changed(), c.unchanged(), c.removed(),
                    c.failed(), java.time.Instant.now()));
        });
    }

    /** Prometheus: wattos_crawl_runs_total{status}, wattos_crawl_pages_total{outcome}, wattos_crawl_run_seconds. */
    private void record(Status status, Counters c, long nanos) {
        meters.counter("wattos.crawl.runs", "status", status.value()).increment();
        meters.timer("wattos.crawl.run").record(java.time.Duration.ofNanos(nanos));
        Map<String, Integer> outcomes = Map.of("fetched", c.fetched(), "new", c.newCount(), "changed", c.changed(),
                "unchanged", c.unchanged(), "removed", c.removed(), "skipped", c.skipped(), "failed", c.failed());
        outcomes.forEach((outcome, n) -> meters.counter("wattos.crawl.pages", "outcome", outcome).increment(n));
    }

    /** Stops a run of this node at once (other nodes see the cancel flag at their next progress write). */
    public void cancelLocal(UUID runId) {
        CrawlJob job = active.get(runId);
        if (job != null) {
            job.cancel();
        }
    }

    /** Timings of a run that ended on this node recently (benchmarks, diagnostics). */
    public Optional<CrawlTimings> timings(UUID runId) {
        return Optional.ofNullable(recentTimings.get(runId));
    }

    public int activeCount() {
        return active.size();
    }

    void beginShutdown() {
        stopping = true;
    }

    boolean stopping() {
        return stopping;
    }

    CrawlProperties properties() {
        return properties;
    }

    Fetcher fetcher() {
        return fetcher;
    }

    UrlGuard guard() {
        return guard;
    }

    Pages pages() {
        return pages;
    }

    Runs runs() {
        return runs;
    }

    /** The review queue for sources that require approval; null when no module provides one. */
    CrawlChangeReview review() {
        return review.getIfAvailable();
    }

    Ingestion ingestion() {
        return ingestion.getObject();
    }

    SecretBox secrets() {
        return secrets;
    }

    @Override
    public void close() {
        stopping = true;
        fetcher.close();
    }
}
