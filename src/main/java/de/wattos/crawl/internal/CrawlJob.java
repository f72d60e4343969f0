package de.wattos.crawl.internal;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import crawlercommons.sitemaps.AbstractSiteMap;
import crawlercommons.sitemaps.SiteMap;
import crawlercommons.sitemaps.SiteMapIndex;
import crawlercommons.sitemaps.SiteMapParser;
import crawlercommons.sitemaps.SiteMapURL;
import de.wattos.crawl.internal.CrawlRun.Counters;
import de.wattos.crawl.internal.CrawlRun.Status;
import de.wattos.knowledge.IncomingDocument;
import de.wattos.knowledge.IngestResult;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import de.wattos.platform.UrlGuard;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One crawl run of one website source: robots.txt and sitemaps first, then a breadth-first walk over links within
 * the source's scope, per-host politeness, every fetched page handed to {@code Ingestion}, and at the end the
 * pages that went missing counted and, after enough misses, removed. Runs in the tenant's scope.
 */
final class CrawlJob {

    private static final Logger log = LoggerFactory.getLogger(CrawlJob.class);
    private static final Set<String> HTML_TYPES = Set.of("text/html", "application/xhtml+xml");
    private static final Set<String> DOCUMENT_TYPES = Set.of("application/pdf", "application/x-pdf",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.oasis.opendocument.text", "application/msword", "application/rtf", "text/rtf",
            "text/plain");

    record Target(String url, int depth) {
    }

    record Outcome(Status status, String error) {
    }

    private final CrawlRun run;
    private final WebsiteSource source;
    private final CrawlEngine engine;
    private final CrawlProperties props;
    private final UrlScope scope;
    private final String authorization;
    private final Duration timeout;

    private final LinkedBlockingDeque<Target> frontier = new LinkedBlockingDeque<>();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final Map<String, HostState> hosts = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicBoolean truncated = new AtomicBoolean();
    private final AtomicBoolean startReached = new AtomicBoolean();

    private final AtomicInteger discovered = new AtomicInteger();
    private final AtomicInteger fetched = new AtomicInteger();
    private final AtomicInteger created = new AtomicInteger();
    private final AtomicInteger changed = new AtomicInteger();
    private final AtomicInteger unchanged = new AtomicInteger();
    private final AtomicInteger removed = new AtomicInteger();
    private final AtomicInteger skipped = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger redirected = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong fetchNanos = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong parseNanos = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong ingestNanos = new java.util.concurrent.atomic.AtomicLong();
    private final List<Runs.Failure> pendingFailures = new ArrayList<>();
    private final java.util.concurrent.CountDownLatch stopFlushing = new java.util.concurrent.CountDownLatch(1);
    private int recordedFailures;

    private record HostState(BaseRobotRules rules, HostGate gate) {
    }

    CrawlJob(CrawlRun run, WebsiteSource source, CrawlEngine engine) {
        this.run = run;
        this.source = source;
        this.engine = engine;
        this.props = engine.properties();
        this.scope = new UrlScope(source.startUrls(), source.sameHostOnly(), source.includePatterns(),
                source.excludePatterns());
        this.timeout = source.timeoutSeconds() == null ? props.readTimeout() : Duration.ofSeconds(source.timeoutSeconds());
        this.authorization = source.hasCredentials()
                ? "Basic " + Base64.getEncoder().encodeToString((source.authUsername() + ":"
                        + engine.secrets().decrypt(source.authSecret())).getBytes(StandardCharsets.UTF_8))
                : null;
    }

    Counters counters() {
        return new Counters(discovered.get(), fetched.get(), created.get(), changed.get(), unchanged.get(),
                removed.get(), skipped.get(), failed.get(), redirected.get());
    }

    void cancel() {
        cancelled.set(true);
    }

    /** Runs the crawl to its end; never throws. Must be called in the tenant's scope. */
    Outcome execute() {
        TenantRef tenant = TenantContext.current();
        Thread flusher = Thread.ofVirtual().name("crawl-progress-" + run.id()).start(this::flushLoop);
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String start : source.startUrls()) {
                String url = UrlNormalizer.normalize(start);
                if (url != null) {
                    admit(url, 0, true);
                }
            }
            if (source.followSitemaps() && source.maxDepth() >= 1) {
                readSitemaps();
            }
            Semaphore slots = new Semaphore(Math.max(1, props.runConcurrency()));
            while (!stopRequested()) {
                Target next = frontier.poll(50, TimeUnit.MILLISECONDS);
                if (next == null) {
                    if (inFlight.get() == 0 && frontier.isEmpty()) {
                        break;
                    }
                    continue;
                }
                slots.acquire();
                inFlight.incrementAndGet();
                workers.submit(TenantContext.bind(tenant, () -> {
                    try {
                        if (!stopRequested()) {
                            process(next);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (RuntimeException e) {
                        log.warn("Crawl {}: unexpected error on {}", run.id(), next.url(), e);
                        failure(next.url(), "internal_error: " + e.getClass().getSimpleName(), null);
                    } finally {
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
            return finish(new Outcome(Status.FAILED, "interrupted"), flusher);
        } catch (RuntimeException e) {
            log.error("Crawl {} failed", run.id(), e);
            return finish(new Outcome(Status.FAILED, "internal error: " + e.getMessage()), flusher);
        }
        if (cancelled.get()) {
            return finish(new Outcome(Status.CANCELLED, null), flusher);
        }
        if (engine.stopping()) {
            return finish(new Outcome(Status.FAILED, "interrupted by shutdown"), flusher);
        }
        try {
            removeMissing();
        } catch (RuntimeException e) {
            log.error("Crawl {}: removing missing pages failed", run.id(), e);
            return finish(new Outcome(Status.FAILED, "removing missing pages failed: " + e.getMessage()), flusher);
        }
        if (!startReached.get()) {
            return finish(new Outcome(Status.FAILED, "no start URL could be fetched"), flusher);
        }
        return finish(new Outcome(Status.SUCCEEDED, null), flusher);
    }

    private Outcome finish(Outcome outcome, Thread flusher) {
        // no interrupt: it would close the JDBC socket under a write in progress
        stopFlushing.countDown();
        try {
            flusher.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
        return outcome;
    }

    private boolean stopRequested() {
        return cancelled.get() || engine.stopping();
    }

    // --- frontier

    private void admit(String url, int depth, boolean start) {
        if (url == null || depth > source.maxDepth()) {
            return;
        }
        if (!start && scope.whyNot(url) != null) {
            return;
        }
        if (!seen.add(url)) {
            return;
        }
        if (discovered.get() >= source.maxPages()) {
            truncated.set(true);
            return;
        }
        discovered.incrementAndGet();
        frontier.add(new Target(url, depth));
    }

    // --- one URL

    private void process(Target target) throws InterruptedException {
        String url = target.url();
        Pages.Page known = engine.pages().find(source.id(), url).orElse(null);
        Set<String> chain = new HashSet<>();
        chain.add(url);
        int hops = 0;
        Fetcher.Response response;
        while (true) {
            URI uri;
            try {
                uri = engine.guard().check(url);
            } catch (UrlGuard.BlockedUrlException e) {
                failure(url, "blocked_url: " + e.code(), null);
                recordIfKnown(known, url, Pages.ERROR, null);
                return;
            }
            HostState host = host(uri);
            if (!host.rules().isAllowed(url)) {
                skipped.incrementAndGet();
                recordIfKnown(known, url, Pages.SKIPPED, null);
                return;
            }
            boolean conditional = known != null && known.documentId() != null
                    && (Pages.INDEXED.equals(known.lastStatus()) || Pages.UNCHANGED.equals(known.lastStatus()));
            Fetcher.Validators validators = conditional
                    ? new Fetcher.Validators(known.etag(), known.lastModified()) : Fetcher.Validators.NONE;
            host.gate().acquire();
            long fetchStart = System.nanoTime();
            try {
                response = engine.fetcher().get(uri, validators, authorizationFor(uri), timeout);
            } catch (FetchFailure f) {
                failure(url, f.reason(), f.httpStatus());
                recordIfKnown(known, url, Pages.ERROR, f.httpStatus());
                return;
            } finally {
                host.gate().release();
                fetchNanos.addAndGet(System.nanoTime() - fetchStart);
            }
            int status = response.status();
            if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                String location = response.header("Location");
                String next = location == null ? null : UrlNormalizer.resolve(url, location);
                if (next == null) {
                    failure(url, "invalid_redirect", status);
                    return;
                }
                if (!chain.add(next)) {
                    failure(target.url(), "redirect_loop", status);
                    recordIfKnown(known, target.url(), Pages.ERROR, status);
                    return;
                }
                if (++hops > props.maxRedirects()) {
                    failure(target.url(), "too_many_redirects", status);
                    recordIfKnown(known, target.url(), Pages.ERROR, status);
                    return;
                }
                String why = scope.whyNot(next);
                if (why != null) {
                    skipped.incrementAndGet();
                    recordIfKnown(known, target.url(), Pages.SKIPPED, status);
                    return;
                }
                if (!seen.add(next)) {
                    // the target is (or will be) crawled under its own URL
                    redirected.incrementAndGet();
                    recordIfKnown(known, target.url(), Pages.ALIAS, status);
                    if (target.depth() == 0) {
                        startReached.set(true);
                    }
                    return;
                }
                url = next;
                known = engine.pages().find(source.id(), url).orElse(null);
                continue;
            }
            break;
        }
        handle(target, url, known, response);
    }

    private void handle(Target target, String url, Pages.Page known, Fetcher.Response response) {
        int status = response.status();
        if (status == 304 && known != null) {
            if (target.depth() == 0) {
                startReached.set(true);
            }
            fetched.incrementAndGet();
            unchanged.incrementAndGet();
            recordPage(PageOutcome.of(url, Pages.UNCHANGED, 304));
            for (String link : known.outlinks()) {
                admit(link, target.depth() + 1, false);
            }
            return;
        }
        if (status == 404 || status == 410) {
            failure(url, "gone", status);
            recordIfKnown(known, url, Pages.GONE, status);
            return;
        }
        if (status != 200 && status != 203) {
            failure(url, status == 401 || status == 403 ? "access_denied" : "http_error", status);
            recordIfKnown(known, url, Pages.ERROR, status);
            return;
        }
        if (target.depth() == 0) {
            startReached.set(true);
        }
        byte[] body = response.body();
        String mediaType = response.mediaType();
        if (mediaType == null || mediaType.equals("application/octet-stream")) {
            mediaType = sniff(url, body);
        }
        HtmlPage.RobotsDirectives header = HtmlPage.RobotsDirectives.fromHeaders(
                response.headers().allValues("X-Robots-Tag"), props.robotsAgent());
        String etag = response.header("ETag");
        String lastModified = response.header("Last-Modified");
        String title = null;
        List<String> outlinks = List.of();
        if (HTML_TYPES.contains(mediaType)) {
            long parseStart = System.nanoTime();
            HtmlPage page = HtmlPage.parse(body, response.charset(), url, props.robotsAgent());
            parseNanos.addAndGet(System.nanoTime() - parseStart);
            boolean nofollow = page.nofollow() || header.nofollow();
            boolean noindex = page.noindex() || header.noindex();
            if (!nofollow) {
                outlinks = page.links().stream().filter(scope::contains).toList();
                for (String link : outlinks) {
                    admit(link, target.depth() + 1, false);
                }
            }
            if (page.canonical() != null && !page.canonical().equals(url) && scope.contains(page.canonical())) {
                admit(page.canonical(), target.depth(), false);
                skipped.incrementAndGet();
                recordPage(PageOutcome.of(url, Pages.ALIAS, status).outlinks(outlinks));
                return;
            }
            if (noindex) {
                skipped.incrementAndGet();
                removeNow(known);
                recordPage(PageOutcome.of(url, Pages.NOINDEX, status).clearingDocument().outlinks(outlinks));
                return;
            }
            title = page.title();
        } else if (!DOCUMENT_TYPES.contains(mediaType)) {
            skipped.incrementAndGet();
            recordPage(PageOutcome.of(url, Pages.SKIPPED, status));
            return;
        } else if (header.noindex()) {
            skipped.incrementAndGet();
            removeNow(known);
            recordPage(PageOutcome.of(url, Pages.NOINDEX, status).clearingDocument());
            return;
        }
        String contentType = response.header("Content-Type") == null ? mediaType : response.header("Content-Type");
        IngestResult result;
        long ingestStart = System.nanoTime();
        try {
            result = engine.ingestion().ingest(new IncomingDocument(source.spaceId(), source.id(), url, title,
                    contentType, body, Map.of("crawlRunId", run.id().toString(), "fetchedAt", Instant.now().toString())));
        } catch (RuntimeException e) {
            log.warn("Crawl {}: ingestion of {} threw", run.id(), url, e);
            result = new IngestResult(null, IngestResult.Outcome.FAILED, 0, "ingestion error: " + e.getMessage());
        } finally {
            ingestNanos.addAndGet(System.nanoTime() - ingestStart);
        }
        switch (result.outcome()) {
            case NEW -> {
                fetched.incrementAndGet();
                created.incrementAndGet();
                recordPage(PageOutcome.of(url, Pages.INDEXED, status).document(result.documentId(), etag, lastModified).outlinks(outlinks));
            }
            case CHANGED -> {
                fetched.incrementAndGet();
                changed.incrementAndGet();
                recordPage(PageOutcome.of(url, Pages.INDEXED, status).document(result.documentId(), etag, lastModified).outlinks(outlinks));
            }
            case UNCHANGED -> {
                fetched.incrementAndGet();
                unchanged.incrementAndGet();
                recordPage(PageOutcome.of(url, Pages.UNCHANGED, status).document(result.documentId(), etag, lastModified).outlinks(outlinks));
            }
            case DUPLICATE -> {
                skipped.incrementAndGet();
                recordPage(PageOutcome.of(url, Pages.DUPLICATE, status).outlinks(outlinks));
            }
            case FAILED -> {
                failure(url, "ingest_failed: " + result.reason(), status);
                recordPage(PageOutcome.of(url, Pages.ERROR, status).outlinks(outlinks));
            }
        }
    }

    private void recordPage(PageOutcome outcome) {
        engine.pages().record(source.id(), run.id(), outcome);
    }

    private void removeNow(Pages.Page known) {
        if (known != null && known.documentId() != null) {
            engine.ingestion().remove(known.documentId());
            removed.incrementAndGet();
        }
    }

    private void recordIfKnown(Pages.Page known, String url, String status, Integer httpStatus) {
        if (known != null) {
            recordPage(PageOutcome.of(url, status, httpStatus));
        }
    }

    private static String sniff(String url, byte[] body) {
        if (body.length >= 4 && body[0] == '%' && body[1] == 'P' && body[2] == 'D' && body[3] == 'F') {
            return "application/pdf";
        }
        String head = new String(body, 0, Math.min(body.length, 512), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        if (head.contains("<html") || head.contains("<!doctype html")) {
            return "text/html";
        }
        String path = url.toLowerCase(Locale.ROOT);
        if (path.endsWith(".docx")) {
            return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        }
        if (path.endsWith(".odt")) {
            return "application/vnd.oasis.opendocument.text";
        }
        return "application/octet-stream";
    }

    private String authorizationFor(URI uri) {
        return authorization != null && scope.isStartHost(uri.getHost()) ? authorization : null;
    }

    // --- robots.txt and politeness per host

    private HostState host(URI uri) throws InterruptedException {
        String origin = origin(uri);
        HostState state = hosts.get(origin);
        if (state != null) {
            return state;
        }
        synchronized (hosts) {
            state = hosts.get(origin);
            if (state == null) {
                state = loadHost(origin);
                hosts.put(origin, state);
            }
        }
        return state;
    }

    private HostState loadHost(String origin) throws InterruptedException {
        HostGate bootstrap = new HostGate(1, Duration.ZERO);
        BaseRobotRules rules;
        SimpleRobotRulesParser parser = new SimpleRobotRulesParser();
        parser.setMaxCrawlDelay(props.maxCrawlDelay().toMillis());
        try {
            Fetched robots = fetchFollowing(origin + "/robots.txt", bootstrap);
            if (robots == null) {
                rules = new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_ALL);
            } else if (robots.response().status() == 200) {
                rules = parser.parseContent(robots.url(), robots.response().body(),
                        robots.response().header("Content-Type") == null ? "text/plain" : robots.response().header("Content-Type"),
                        List.of(props.robotsAgent()));
            } else {
                rules = parser.failedFetch(robots.response().status());
            }
        } catch (FetchFailure f) {
            rules = new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_ALL);
        }
        long crawlDelay = rules.getCrawlDelay();
        HostGate gate = crawlDelay > 0
                ? new HostGate(1, Duration.ofMillis(Math.max(props.hostDelay().toMillis(),
                        Math.min(crawlDelay, props.maxCrawlDelay().toMillis()))))
                : new HostGate(props.hostConcurrency(), props.hostDelay());
        return new HostState(rules, gate);
    }

    private record Fetched(String url, Fetcher.Response response) {
    }

    /** GET with redirects (each hop checked by the guard); null when blocked or redirected too often. */
    private Fetched fetchFollowing(String start, HostGate gate) throws FetchFailure, InterruptedException {
        String url = start;
        Set<String> chain = new HashSet<>();
        for (int hop = 0; hop <= props.maxRedirects(); hop++) {
            if (!chain.add(url)) {
                return null;
            }
            URI uri;
            try {
                uri = engine.guard().check(url);
            } catch (UrlGuard.BlockedUrlException e) {
                return null;
            }
            gate.acquire();
            Fetcher.Response response;
            try {
                response = engine.fetcher().get(uri, Fetcher.Validators.NONE, authorizationFor(uri), timeout);
            } finally {
                gate.release();
            }
            int status = response.status();
            if (status >= 300 && status < 400 && response.header("Location") != null) {
                url = UrlNormalizer.resolve(url, response.header("Location"));
                if (url == null) {
                    return null;
                }
                continue;
            }
            return new Fetched(url, response);
        }
        return null;
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    // --- sitemaps

    private void readSitemaps() throws InterruptedException {
        Set<String> candidates = new LinkedHashSet<>();
        for (String start : source.startUrls()) {
            String normalized = UrlNormalizer.normalize(start);
            if (normalized == null) {
                continue;
            }
            URI uri = URI.create(normalized);
            HostState host;
            try {
                engine.guard().check(uri);
                host = host(uri);
            } catch (UrlGuard.BlockedUrlException e) {
                continue;
            }
            candidates.addAll(host.rules().getSitemaps());
            candidates.add(origin(uri) + "/sitemap.xml");
        }
        SiteMapParser parser = new SiteMapParser(false);
        Deque<String> queue = new ArrayDeque<>(candidates);
        Set<String> done = new HashSet<>();
        int sitemapsRead = 0;
        int urls = 0;
        while (!queue.isEmpty() && sitemapsRead < 200 && !stopRequested()) {
            String sitemapUrl = UrlNormalizer.normalize(queue.poll());
            if (sitemapUrl == null || !done.add(sitemapUrl)) {
                continue;
            }
            sitemapsRead++;
            try {
                URI uri = URI.create(sitemapUrl);
                engine.guard().check(uri);
                Fetched fetched = fetchFollowing(sitemapUrl, host(uri).gate());
                if (fetched == null || fetched.response().status() != 200) {
                    continue;
                }
                String contentType = fetched.response().header("Content-Type");
                AbstractSiteMap sitemap = parser.parseSiteMap(contentType == null ? "text/xml" : contentType,
                        fetched.response().body(), new URL(fetched.url()));
                if (sitemap instanceof SiteMapIndex index) {
                    for (AbstractSiteMap child : index.getSitemaps()) {
                        queue.add(child.getUrl().toString());
                    }
                } else if (sitemap instanceof SiteMap map) {
                    for (SiteMapURL entry : map.getSiteMapUrls()) {
                        if (urls++ >= props.maxSitemapUrls()) {
                            break;
                        }
                        admit(UrlNormalizer.normalize(entry.getUrl().toString()), 1, false);
                    }
                }
            } catch (FetchFailure | UrlGuard.BlockedUrlException e) {
                log.debug("Crawl {}: sitemap {} not read: {}", run.id(), sitemapUrl, e.getMessage());
            } catch (Exception e) {
                if (e instanceof InterruptedException ie) {
                    throw ie;
                }
                failure(sitemapUrl, "invalid_sitemap: " + e.getMessage(), null);
            }
        }
    }

    // --- removal of pages that went missing

    private void removeMissing() {
        boolean complete = !truncated.get() && startReached.get();
        for (Pages.Removal removal : engine.pages().countMisses(source.id(), run.id(), complete,
                props.removeAfterMisses())) {
            engine.ingestion().remove(removal.documentId());
            engine.pages().markRemoved(source.id(), removal.url());
            removed.incrementAndGet();
        }
    }

    // --- progress

    private void failure(String url, String reason, Integer httpStatus) {
        failed.incrementAndGet();
        synchronized (pendingFailures) {
            if (recordedFailures + pendingFailures.size() < props.maxFailuresPerRun()) {
                pendingFailures.add(new Runs.Failure(url, reason, httpStatus));
            }
        }
    }

    private void flushLoop() {
        while (true) {
            try {
                if (stopFlushing.await(1, TimeUnit.SECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
            try {
                TenantContext.runAs(run.tenantRef(), this::flush);
            } catch (RuntimeException e) {
                log.warn("Crawl {}: progress not saved: {}", run.id(), e.getMessage());
            }
        }
    }

    private synchronized void flush() {
        List<Runs.Failure> batch;
        int first;
        synchronized (pendingFailures) {
            batch = List.copyOf(pendingFailures);
            pendingFailures.clear();
            first = recordedFailures;
            recordedFailures += batch.size();
        }
        if (!batch.isEmpty()) {
            try {
                TenantContext.runAs(run.tenantRef(), () -> engine.runs().addFailures(run.id(), first, batch));
            } catch (RuntimeException e) {
                synchronized (pendingFailures) { // try again with the next flush
                    pendingFailures.addAll(0, batch);
                    recordedFailures -= batch.size();
                }
                throw e;
            }
        }
        if (engine.runs().progress(run.id(), counters(), truncated.get())) {
            cancelled.set(true);
        }
    }

    /** Where the run's time went, summed over its worker threads. */
    CrawlTimings timings() {
        return new CrawlTimings(fetchNanos.get() / 1_000_000, parseNanos.get() / 1_000_000, ingestNanos.get() / 1_000_000);
    }

}
