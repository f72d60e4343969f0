package de.wattos.crawl.internal;

import de.wattos.crawl.CrawlChangeReview;
import de.wattos.crawl.internal.CrawlRun.Counters;
import de.wattos.crawl.internal.CrawlRun.Status;
import de.wattos.crawl.internal.RunProgress.Tally;
import de.wattos.knowledge.IncomingDocument;
import de.wattos.knowledge.IngestResult;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One crawl run of one website source: sitemaps first ({@link SitemapReader}), then a breadth-first walk over the
 * {@link CrawlFrontier} with per-host robots rules and politeness ({@link HostPolicy}), each page fetched through
 * the {@link RedirectingFetcher}, what it is decided here (indexed, unchanged, skipped, failed) and handed to
 * {@code Ingestion}; at the end the pages that went missing counted and, after enough misses, removed. Counters and
 * failures go to {@link RunProgress}. Runs in the tenant's scope.
 */
final class CrawlJob {

    private static final Logger log = LoggerFactory.getLogger(CrawlJob.class);

    /** How a run ended; status null: it did not end here (lease lost, or handed over at shutdown). */
    record Outcome(Status status, String error) {
    }

    private final CrawlRun run;
    private final WebsiteSource source;
    private final CrawlEngine engine;
    private final CrawlProperties props;
    private final UrlScope scope;
    private final String authorization;

    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicBoolean leaseLost = new AtomicBoolean();
    private final Runs.Saved saved;
    private final AtomicBoolean startReached = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder fetchNanos = new LongAdder();
    private final LongAdder parseNanos = new LongAdder();
    private final LongAdder ingestNanos = new LongAdder();
    private final RunProgress progress;
    private final CrawlFrontier frontier;
    private final RedirectingFetcher fetcher;
    private final HostPolicy hosts;
    private final PageRecorder pages;

    CrawlJob(CrawlRun run, UUID leaseToken, WebsiteSource source, CrawlEngine engine) {
        this.run = run;
        this.source = source;
        this.engine = engine;
        this.props = engine.properties();
        this.scope = new UrlScope(source.startUrls(), source.sameHostOnly(), source.includePatterns(),
                source.excludePatterns());
        Duration timeout = source.timeoutSeconds() == null ? props.readTimeout() : Duration.ofSeconds(source.timeoutSeconds());
        this.authorization = source.hasCredentials()
                ? "Basic " + Base64.getEncoder().encodeToString((source.authUsername() + ":"
                        + engine.secrets().decrypt(source.authSecret())).getBytes(StandardCharsets.UTF_8))
                : null;
        // a run taken over from a dead node continues from its saved frontier and counters; without one it starts over
        this.saved = engine.runs().saved(run.id());
        boolean resumed = !saved.frontier().isEmpty();
        this.progress = new RunProgress(run, leaseToken, engine.runs(), props, resumed ? run.counters() : Counters.ZERO,
                saved.failuresRecorded(), this::truncated, startReached::get, this::cancel, this::loseLease);
        this.frontier = new CrawlFrontier(scope, source.maxDepth(), source.maxPages(), progress);
        if (resumed) {
            frontier.restore(saved.frontier(), run.truncated());
            startReached.set(saved.startReached());
            log.info("Crawl {} continues on this node: {} URLs saved, {} still open", run.id(), saved.frontier().size(),
                    saved.frontier().stream().filter(u -> u.depth() >= 0 && !u.done()).count());
        }
        this.fetcher = new RedirectingFetcher(engine.guard(), engine.fetcher(), props.maxRedirects(), timeout,
                this::authorizationFor);
        this.hosts = new HostPolicy(props, fetcher);
        this.pages = new PageRecorder(engine.pages(), engine.ingestion(), source.id(), run.id(), progress);
    }

    private boolean truncated() {
        return frontier != null && frontier.truncated();
    }

    Counters counters() {
        return progress.counters();
    }

    void cancel() {
        cancelled.set(true);
    }

    /** Another node took the run over (this node's lease expired): stop without touching it further. */
    private void loseLease() {
        leaseLost.set(true);
    }

    /** Runs the crawl to its end; never throws. Must be called in the tenant's scope. */
    Outcome execute() {
        TenantRef tenant = TenantContext.current();
        progress.startSaving();
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String start : source.startUrls()) {
                String url = UrlNormalizer.normalize(start);
                if (url != null) {
                    frontier.admit(url, 0, true);
                }
            }
            if (source.followSitemaps() && source.maxDepth() >= 1) {
                new SitemapReader(engine.guard(), hosts, fetcher, frontier, progress, props.maxSitemapUrls())
                        .read(source.startUrls(), this::stopRequested);
            }
            Semaphore slots = new Semaphore(Math.max(1, props.runConcurrency()));
            while (!stopRequested()) {
                CrawlFrontier.Target next = frontier.poll(50);
                if (next == null) {
                    if (inFlight.get() == 0 && frontier.isEmpty()) {
                        break;
                    }
                    continue;
                }
                slots.acquire();
                inFlight.incrementAndGet();
                workers.submit(TenantContext.bind(tenant, () -> {
                    List<String> claimed = new java.util.ArrayList<>();
                    boolean complete = false;
                    progress.beginPage();
                    try {
                        if (!stopRequested()) {
                            process(next, claimed);
                            complete = true;
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (RuntimeException e) {
                        log.warn("Crawl {}: unexpected error on {}", run.id(), next.url(), e);
                        progress.failure(next.url(), "internal_error: " + e.getClass().getSimpleName(), null);
                        complete = true;
                    } finally {
                        progress.endPage(next.url(), claimed, complete);
                        inFlight.decrementAndGet();
                        slots.release();
                    }
                    return null;
                }));
            }
            if (stopRequested()) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return finish(new Outcome(Status.FAILED, "interrupted"));
        } catch (RuntimeException e) {
            log.error("Crawl {} failed", run.id(), e);
            return finish(new Outcome(Status.FAILED, "internal error: " + e.getMessage()));
        }
        if (leaseLost.get()) {
            return finish(new Outcome(null, "taken over by another node"));
        }
        if (cancelled.get()) {
            return finish(new Outcome(Status.CANCELLED, null));
        }
        if (engine.stopping()) {
            return finish(new Outcome(null, "handed over at shutdown"));
        }
        try {
            removeMissing();
        } catch (RuntimeException e) {
            log.error("Crawl {}: removing missing pages failed", run.id(), e);
            return finish(new Outcome(Status.FAILED, "removing missing pages failed: " + e.getMessage()));
        }
        if (!startReached.get()) {
            return finish(new Outcome(Status.FAILED, "no start URL could be fetched"));
        }
        return finish(new Outcome(Status.SUCCEEDED, null));
    }

    private Outcome finish(Outcome outcome) {
        progress.finish();
        return leaseLost.get() && outcome.status() != null ? new Outcome(null, "taken over by another node") : outcome;
    }

    private boolean stopRequested() {
        return cancelled.get() || leaseLost.get() || engine.stopping();
    }

    // --- one URL

    /**
     * The hops of one page: robots rules per host, a conditional GET for a page indexed before, redirects followed
     * within the scope; a redirect to a URL the run has already seen makes this one an alias of it.
     */
    private final class PageHops implements RedirectingFetcher.Hops {
        final CrawlFrontier.Target target;
        final List<String> claimed;
        Pages.Page known;
        String current;
        boolean alias;

        PageHops(CrawlFrontier.Target target, List<String> claimed) {
            this.target = target;
            this.claimed = claimed;
            this.known = engine.pages().find(source.id(), target.url()).orElse(null);
        }

        @Override
        public HostGate gate(String url, URI uri) throws InterruptedException {
            current = url;
            HostPolicy.Host host = hosts.host(uri);
            return host.rules().isAllowed(url) ? host.gate() : null;
        }

        @Override
        public Fetcher.Validators validators(String url) {
            boolean conditional = known != null && known.documentId() != null && known.lastStatus().holdsContent();
            return conditional ? new Fetcher.Validators(known.etag(), known.lastModified()) : Fetcher.Validators.NONE;
        }

        @Override
        public boolean follow(String from, String to, int status) {
            if (scope.whyNot(to) != null) {
                return false;
            }
            if (!frontier.claim(to)) {
                alias = true;
                return false;
            }
            claimed.add(to);
            known = engine.pages().find(source.id(), to).orElse(null);
            return true;
        }

        @Override
        public void fetched(long nanos) {
            fetchNanos.add(nanos);
        }
    }

    private void process(CrawlFrontier.Target target, List<String> claimed) throws InterruptedException {
        PageHops hops = new PageHops(target, claimed);
        RedirectingFetcher.Result result;
        try {
            result = fetcher.get(target.url(), hops);
        } catch (FetchFailure f) {
            progress.failure(hops.current, f.reason(), f.httpStatus());
            pages.recordIfKnown(hops.known, hops.current, PageStatus.ERROR, f.httpStatus());
            return;
        }
        switch (result) {
            case RedirectingFetcher.Arrived arrived -> handle(target, arrived.url(), hops.known, arrived.response());
            case RedirectingFetcher.Blocked blocked -> {
                progress.failure(blocked.url(), "blocked_url: " + blocked.code(), null);
                pages.recordIfKnown(hops.known, blocked.url(), PageStatus.ERROR, null);
            }
            case RedirectingFetcher.Declined declined -> {
                progress.count(Tally.SKIPPED);
                pages.recordIfKnown(hops.known, declined.url(), PageStatus.SKIPPED, null);
            }
            case RedirectingFetcher.Ended ended -> ended(target, hops, ended);
        }
    }

    private void ended(CrawlFrontier.Target target, PageHops hops, RedirectingFetcher.Ended ended) {
        switch (ended.reason()) {
            case "invalid_redirect" -> progress.failure(ended.url(), "invalid_redirect", ended.status());
            case "not_followed" -> {
                if (hops.alias) {
                    // the target is (or will be) crawled under its own URL
                    progress.count(Tally.REDIRECTED);
                    pages.recordIfKnown(hops.known, target.url(), PageStatus.ALIAS, ended.status());
                    if (target.depth() == 0) {
                        startReached.set(true);
                    }
                } else {
                    progress.count(Tally.SKIPPED);
                    pages.recordIfKnown(hops.known, target.url(), PageStatus.SKIPPED, ended.status());
                }
            }
            default -> {
                progress.failure(target.url(), ended.reason(), ended.status());
                pages.recordIfKnown(hops.known, target.url(), PageStatus.ERROR, ended.status());
            }
        }
    }

    private void handle(CrawlFrontier.Target target, String url, Pages.Page known, Fetcher.Response response) {
        int status = response.status();
        if (status == 304 && known != null) {
            if (target.depth() == 0) {
                startReached.set(true);
            }
            progress.count(Tally.FETCHED);
            progress.count(Tally.UNCHANGED);
            pages.record(PageOutcome.of(url, PageStatus.UNCHANGED, 304));
            for (String link : known.outlinks()) {
                frontier.admit(link, target.depth() + 1, false);
            }
            return;
        }
        if (status == 404 || status == 410) {
            progress.failure(url, "gone", status);
            pages.recordIfKnown(known, url, PageStatus.GONE, status);
            return;
        }
        if (status != 200 && status != 203) {
            progress.failure(url, status == 401 || status == 403 ? "access_denied" : "http_error", status);
            pages.recordIfKnown(known, url, PageStatus.ERROR, status);
            return;
        }
        if (target.depth() == 0) {
            startReached.set(true);
        }
        byte[] body = response.body();
        String mediaType = response.mediaType();
        if (mediaType == null || mediaType.equals("application/octet-stream")) {
            mediaType = CrawledMediaType.sniff(url, body);
        }
        HtmlPage.RobotsDirectives header = HtmlPage.RobotsDirectives.fromHeaders(
                response.headers().allValues("X-Robots-Tag"), props.robotsAgent());
        String etag = response.header("ETag");
        String lastModified = response.header("Last-Modified");
        String title = null;
        List<String> outlinks = List.of();
        if (CrawledMediaType.isHtml(mediaType)) {
            long parseStart = System.nanoTime();
            HtmlPage page = HtmlPage.parse(body, response.charset(), url, props.robotsAgent());
            parseNanos.add(System.nanoTime() - parseStart);
            boolean nofollow = page.nofollow() || header.nofollow();
            boolean noindex = page.noindex() || header.noindex();
            if (!nofollow) {
                outlinks = page.links().stream().filter(scope::contains).toList();
                for (String link : outlinks) {
                    frontier.admit(link, target.depth() + 1, false);
                }
            }
            if (page.canonical() != null && !page.canonical().equals(url) && scope.contains(page.canonical())) {
                frontier.admit(page.canonical(), target.depth(), false);
                progress.count(Tally.SKIPPED);
                pages.record(PageOutcome.of(url, PageStatus.ALIAS, status).outlinks(outlinks));
                return;
            }
            if (noindex) {
                progress.count(Tally.SKIPPED);
                pages.removeDocument(known);
                pages.record(PageOutcome.of(url, PageStatus.NOINDEX, status).clearingDocument().outlinks(outlinks));
                return;
            }
            title = page.title();
        } else if (!CrawledMediaType.isDocument(mediaType)) {
            progress.count(Tally.SKIPPED);
            pages.record(PageOutcome.of(url, PageStatus.SKIPPED, status));
            return;
        } else if (header.noindex()) {
            progress.count(Tally.SKIPPED);
            pages.removeDocument(known);
            pages.record(PageOutcome.of(url, PageStatus.NOINDEX, status).clearingDocument());
            return;
        }
        String contentType = response.header("Content-Type") == null ? mediaType : response.header("Content-Type");
        CrawlChangeReview review = source.requiresApproval() ? engine.review() : null;
        if (review != null) {
            hold(review, url, known, status, title, contentType, body, etag, lastModified, outlinks);
            return;
        }
        IngestResult result;
        long ingestStart = System.nanoTime();
        try {
            result = engine.ingestion().ingest(new IncomingDocument(source.spaceId(), source.id(), url, title,
                    contentType, body, Map.of("crawlRunId", run.id().toString(), "fetchedAt", Instant.now().toString())));
        } catch (RuntimeException e) {
            log.warn("Crawl {}: ingestion of {} threw", run.id(), url, e);
            result = new IngestResult(null, IngestResult.Outcome.FAILED, 0, "ingestion error: " + e.getMessage());
        } finally {
            ingestNanos.add(System.nanoTime() - ingestStart);
        }
        switch (result.outcome()) {
            case NEW -> {
                progress.count(Tally.FETCHED);
                progress.count(Tally.NEW);
                pages.record(PageOutcome.of(url, PageStatus.INDEXED, status).document(result.documentId(), etag, lastModified).outlinks(outlinks));
            }
            case CHANGED -> {
                progress.count(Tally.FETCHED);
                progress.count(Tally.CHANGED);
                pages.record(PageOutcome.of(url, PageStatus.INDEXED, status).document(result.documentId(), etag, lastModified).outlinks(outlinks));
            }
            case UNCHANGED -> {
                progress.count(Tally.FETCHED);
                progress.count(Tally.UNCHANGED);
                pages.record(PageOutcome.of(url, PageStatus.UNCHANGED, status).document(result.documentId(), etag, lastModified).outlinks(outlinks));
            }
            case DUPLICATE -> {
                progress.count(Tally.SKIPPED);
                pages.record(PageOutcome.of(url, PageStatus.DUPLICATE, status).outlinks(outlinks));
            }
            case FAILED -> {
                progress.failure(url, "ingest_failed: " + result.reason(), status);
                pages.record(PageOutcome.of(url, PageStatus.ERROR, status).outlinks(outlinks));
            }
        }
    }

    /** A source under approval: the page becomes a change request unless it serves this text already. */
    private void hold(CrawlChangeReview review, String url, Pages.Page known, int status, String title, String contentType,
            byte[] body, String etag, String lastModified, List<String> outlinks) {
        CrawlChangeReview.Held held;
        long start = System.nanoTime();
        try {
            held = review.hold(new IncomingDocument(source.spaceId(), source.id(), url, title, contentType, body,
                    Map.of("crawlRunId", run.id().toString(), "fetchedAt", Instant.now().toString())));
        } finally {
            ingestNanos.add(System.nanoTime() - start);
        }
        progress.count(Tally.FETCHED);
        switch (held.outcome()) {
            case HELD -> {
                PageOutcome outcome = PageOutcome.of(url, PageStatus.HELD, status).outlinks(outlinks);
                pages.record(known != null && known.documentId() != null
                        ? outcome.document(known.documentId(), null, null) : outcome);
            }
            case UNCHANGED -> {
                progress.count(Tally.UNCHANGED);
                pages.record(PageOutcome.of(url, PageStatus.UNCHANGED, status).document(held.documentId(), etag, lastModified).outlinks(outlinks));
            }
            case DUPLICATE -> {
                progress.count(Tally.SKIPPED);
                pages.record(PageOutcome.of(url, PageStatus.DUPLICATE, status).outlinks(outlinks));
            }
            case FAILED -> {
                progress.failure(url, "ingest_failed: " + held.reason(), status);
                pages.record(PageOutcome.of(url, PageStatus.ERROR, status).outlinks(outlinks));
            }
        }
    }

    private String authorizationFor(URI uri) {
        return authorization != null && scope.isStartHost(uri.getHost()) ? authorization : null;
    }

    // --- removal of pages that went missing

    private void removeMissing() {
        boolean complete = !frontier.truncated() && startReached.get();
        for (Pages.Removal removal : engine.pages().countMisses(source.id(), run.id(), complete,
                props.removeAfterMisses())) {
            CrawlChangeReview review = source.requiresApproval() ? engine.review() : null;
            if (review != null) {
                if (review.holdRemoval(source.spaceId(), source.id(), removal.url(), removal.documentId())
                        == CrawlChangeReview.Removal.REMOVED) {
                    engine.pages().markRemoved(source.id(), removal.url());
                    progress.count(Tally.REMOVED);
                }
                continue;
            }
            engine.ingestion().remove(removal.documentId());
            engine.pages().markRemoved(source.id(), removal.url());
            progress.count(Tally.REMOVED);
        }
    }

    /** Where the run's time went, summed over its worker threads. */
    CrawlTimings timings() {
        return new CrawlTimings(fetchNanos.sum() / 1_000_000, parseNanos.sum() / 1_000_000, ingestNanos.sum() / 1_000_000);
    }
}
