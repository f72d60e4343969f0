package de.wattos.crawl.internal;

import crawlercommons.sitemaps.AbstractSiteMap;
import crawlercommons.sitemaps.SiteMap;
import crawlercommons.sitemaps.SiteMapIndex;
import crawlercommons.sitemaps.SiteMapParser;
import crawlercommons.sitemaps.SiteMapURL;
import de.wattos.platform.UrlGuard;
import java.net.URI;
import java.net.URL;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the sitemaps of a run's start hosts (those robots.txt names, and {@code /sitemap.xml}), following sitemap
 * indexes up to 200 sitemaps, and hands their URLs to the frontier at depth 1.
 */
final class SitemapReader {

    private static final Logger log = LoggerFactory.getLogger(SitemapReader.class);
    private static final int MAX_SITEMAPS = 200;

    private final UrlGuard guard;
    private final HostPolicy hosts;
    private final RedirectingFetcher fetcher;
    private final CrawlFrontier frontier;
    private final RunProgress progress;
    private final int maxUrls;

    SitemapReader(UrlGuard guard, HostPolicy hosts, RedirectingFetcher fetcher, CrawlFrontier frontier,
            RunProgress progress, int maxUrls) {
        this.guard = guard;
        this.hosts = hosts;
        this.fetcher = fetcher;
        this.frontier = frontier;
        this.progress = progress;
        this.maxUrls = maxUrls;
    }

    void read(List<String> startUrls, BooleanSupplier stopRequested) throws InterruptedException {
        Set<String> candidates = new LinkedHashSet<>();
        for (String start : startUrls) {
            String normalized = UrlNormalizer.normalize(start);
            if (normalized == null) {
                continue;
            }
            URI uri = URI.create(normalized);
            try {
                guard.check(uri);
                candidates.addAll(hosts.host(uri).rules().getSitemaps());
            } catch (UrlGuard.BlockedUrlException e) {
                continue;
            }
            candidates.add(HostPolicy.origin(uri) + "/sitemap.xml");
        }
        SiteMapParser parser = new SiteMapParser(false);
        Deque<String> queue = new ArrayDeque<>(candidates);
        Set<String> done = new HashSet<>();
        int sitemapsRead = 0;
        int urls = 0;
        while (!queue.isEmpty() && sitemapsRead < MAX_SITEMAPS && !stopRequested.getAsBoolean()) {
            String sitemapUrl = UrlNormalizer.normalize(queue.poll());
            if (sitemapUrl == null || !done.add(sitemapUrl)) {
                continue;
            }
            sitemapsRead++;
            try {
                URI uri = URI.create(sitemapUrl);
                guard.check(uri);
                HostGate gate = hosts.host(uri).gate();
                if (!(fetcher.get(sitemapUrl, (url, next) -> gate) instanceof RedirectingFetcher.Arrived fetched)
                        || fetched.response().status() != 200) {
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
                        if (urls++ >= maxUrls) {
                            break;
                        }
                        frontier.admit(UrlNormalizer.normalize(entry.getUrl().toString()), 1, false);
                    }
                }
            } catch (FetchFailure | UrlGuard.BlockedUrlException e) {
                log.debug("Sitemap {} not read: {}", sitemapUrl, e.getMessage());
            } catch (Exception e) {
                if (e instanceof InterruptedException ie) {
                    throw ie;
                }
                progress.failure(sitemapUrl, "invalid_sitemap: " + e.getMessage(), null);
            }
        }
    }
}
