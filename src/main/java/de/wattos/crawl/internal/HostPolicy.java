package de.wattos.crawl.internal;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each host of a crawl run allows: its robots.txt rules (read once per origin, following redirects) and its
 * politeness gate (the host's Crawl-delay if it names one, capped, else our own delay and concurrency).
 */
final class HostPolicy {

    record Host(BaseRobotRules rules, HostGate gate) {
    }

    private final CrawlProperties props;
    private final RedirectingFetcher fetcher;
    private final Map<String, Host> hosts = new ConcurrentHashMap<>();

    HostPolicy(CrawlProperties props, RedirectingFetcher fetcher) {
        this.props = props;
        this.fetcher = fetcher;
    }

    Host host(URI uri) throws InterruptedException {
        String origin = origin(uri);
        Host host = hosts.get(origin);
        if (host != null) {
            return host;
        }
        synchronized (hosts) {
            host = hosts.get(origin);
            if (host == null) {
                host = load(origin);
                hosts.put(origin, host);
            }
        }
        return host;
    }

    static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    private Host load(String origin) throws InterruptedException {
        HostGate bootstrap = new HostGate(1, Duration.ZERO);
        BaseRobotRules rules;
        SimpleRobotRulesParser parser = new SimpleRobotRulesParser();
        parser.setMaxCrawlDelay(props.maxCrawlDelay().toMillis());
        try {
            RedirectingFetcher.Result robots = fetcher.get(origin + "/robots.txt", (url, uri) -> bootstrap);
            if (!(robots instanceof RedirectingFetcher.Arrived arrived)) {
                rules = new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_ALL);
            } else if (arrived.response().status() == 200) {
                String contentType = arrived.response().header("Content-Type");
                rules = parser.parseContent(arrived.url(), arrived.response().body(),
                        contentType == null ? "text/plain" : contentType, List.of(props.robotsAgent()));
            } else {
                rules = parser.failedFetch(arrived.response().status());
            }
        } catch (FetchFailure f) {
            rules = new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_ALL);
        }
        long crawlDelay = rules.getCrawlDelay();
        HostGate gate = crawlDelay > 0
                ? new HostGate(1, Duration.ofMillis(Math.max(props.hostDelay().toMillis(),
                        Math.min(crawlDelay, props.maxCrawlDelay().toMillis()))))
                : new HostGate(props.hostConcurrency(), props.hostDelay());
        return new Host(rules, gate);
    }
}
