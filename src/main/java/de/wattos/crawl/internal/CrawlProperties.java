package de.wattos.crawl.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Crawler settings ({@code wattos.crawl.*}, env {@code WATTOS_CRAWL_*}). Every value has a default.
 *
 * @param userAgent           the User-Agent header sent with every request
 * @param robotsAgent         the product token matched against {@code User-agent:} lines of robots.txt
 * @param hostConcurrency     parallel requests per host (a robots.txt crawl-delay forces 1)
 * @param hostDelay           least time between the starts of two requests to the same host
 * @param maxCrawlDelay       cap for a robots.txt crawl-delay
 * @param maxConcurrentRuns   crawl runs at once, system-wide (more wait with status queued)
 * @param runConcurrency      pages of one run in progress at once (fetch + ingest)
 * @param connectTimeout      TCP/TLS connect timeout
 * @param readTimeout         time allowed for the response headers and, separately, for the body
 * @param maxBodySize         bigger responses are not downloaded (failure reason too_large)
 * @param maxRedirects        redirect hops per URL
 * @param removeAfterMisses   consecutive runs a page must be gone (404/410, excluded, no longer linked) before its
 *                            document is removed
 * @param defaultSchedule     Spring cron used when a source does not say (in the tenant's time zone)
 * @param schedulerPollingInterval how often db-scheduler looks for due schedules
 * @param dispatchInterval    how often the run queue is checked (new runs also wake it at once)
 * @param heartbeatTimeout    the lease of a running run: each progress save (about once a second) extends it by this
 *                            much; a run whose lease expired (its node died) is taken over by another worker
 * @param maxTakeovers        how often a run is taken over before it is marked failed
 * @param maxFailuresPerRun   failures kept per run (counters still count all)
 * @param maxSitemapUrls      URLs taken from sitemaps per run
 * @param nodeName            this instance's name in crawl_runs.node (default: host name)
 */
@ConfigurationProperties("wattos.crawl")
public record CrawlProperties(
        @DefaultValue("WattOS-Crawler/0.1 (+https://wattos.de/crawler)") String userAgent,
        @DefaultValue("wattos-crawler") String robotsAgent,
        @DefaultValue("2") int hostConcurrency,
        @DefaultValue("250ms") Duration hostDelay,
        @DefaultValue("30s") Duration maxCrawlDelay,
        @DefaultValue("5") int maxConcurrentRuns,
        @DefaultValue("4") int runConcurrency,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout,
        @DefaultValue("20MB") DataSize maxBodySize,
        @DefaultValue("5") int maxRedirects,
        @DefaultValue("2") int removeAfterMisses,
        @DefaultValue("0 0 5 * * *") String defaultSchedule,
        @DefaultValue("10s") Duration schedulerPollingInterval,
        @DefaultValue("2s") Duration dispatchInterval,
        @DefaultValue("90s") Duration heartbeatTimeout,
        @DefaultValue("3") int maxTakeovers,
        @DefaultValue("500") int maxFailuresPerRun,
        @DefaultValue("50000") int maxSitemapUrls,
        String nodeName) {

    public CrawlProperties {
        // the host name cannot be an annotation value
        nodeName = nodeName == null || nodeName.isBlank() ? defaultNodeName() : nodeName;
    }

    private static String defaultNodeName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "wattos";
        }
    }
}
