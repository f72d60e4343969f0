package de.wattos.crawl.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Crawler settings ({@code wattos.crawl.*}, env {@code WATTOS_CRAWL_*}). Every value has a default here.
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
 * @param heartbeatTimeout    a running run without heartbeat for this long is marked failed (crashed node)
 * @param maxFailuresPerRun   failures kept per run (counters still count all)
 * @param maxSitemapUrls      URLs taken from sitemaps per run
 * @param nodeName            this instance's name in crawl_runs.node (default: host name)
 */
@ConfigurationProperties("wattos.crawl")
public record CrawlProperties(String userAgent, String robotsAgent, Integer hostConcurrency, Duration hostDelay,
        Duration maxCrawlDelay, Integer maxConcurrentRuns, Integer runConcurrency, Duration connectTimeout,
        Duration readTimeout, DataSize maxBodySize, Integer maxRedirects, Integer removeAfterMisses,
        String defaultSchedule, Duration schedulerPollingInterval, Duration dispatchInterval,
        Duration heartbeatTimeout, Integer maxFailuresPerRun, Integer maxSitemapUrls, String nodeName) {

    public CrawlProperties {
        userAgent = or(userAgent, "WattOS-Crawler/0.1 (+https://wattos.de/crawler)");
        robotsAgent = or(robotsAgent, "wattos-crawler");
        hostConcurrency = or(hostConcurrency, 2);
        hostDelay = or(hostDelay, Duration.ofMillis(250));
        maxCrawlDelay = or(maxCrawlDelay, Duration.ofSeconds(30));
        maxConcurrentRuns = or(maxConcurrentRuns, 5);
        runConcurrency = or(runConcurrency, 4);
        connectTimeout = or(connectTimeout, Duration.ofSeconds(10));
        readTimeout = or(readTimeout, Duration.ofSeconds(30));
        maxBodySize = or(maxBodySize, DataSize.ofMegabytes(20));
        maxRedirects = or(maxRedirects, 5);
        removeAfterMisses = or(removeAfterMisses, 2);
        defaultSchedule = or(defaultSchedule, "0 0 5 * * *");
        schedulerPollingInterval = or(schedulerPollingInterval, Duration.ofSeconds(10));
        dispatchInterval = or(dispatchInterval, Duration.ofSeconds(2));
        heartbeatTimeout = or(heartbeatTimeout, Duration.ofSeconds(90));
        maxFailuresPerRun = or(maxFailuresPerRun, 500);
        maxSitemapUrls = or(maxSitemapUrls, 50_000);
        nodeName = or(nodeName, defaultNodeName());
    }

    public static CrawlProperties defaults() {
        return new CrawlProperties(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
    }

    private static <T> T or(T value, T fallback) {
        return value == null || (value instanceof String s && s.isBlank()) ? fallback : value;
    }

    private static String defaultNodeName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "wattos";
        }
    }
}
