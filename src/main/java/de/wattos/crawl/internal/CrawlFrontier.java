package de.wattos.crawl.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The URLs a crawl run still has to visit, breadth first: each URL once, within the source's scope and depth, and
 * no more than its page limit (beyond it the run is marked truncated, so missing pages are not removed).
 */
final class CrawlFrontier {

    record Target(String url, int depth) {
    }

    private final UrlScope scope;
    private final int maxDepth;
    private final int maxPages;
    private final RunProgress progress;
    private final LinkedBlockingDeque<Target> queue = new LinkedBlockingDeque<>();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean truncated = new AtomicBoolean();

    CrawlFrontier(UrlScope scope, int maxDepth, int maxPages, RunProgress progress) {
        this.scope = scope;
        this.maxDepth = maxDepth;
        this.maxPages = maxPages;
        this.progress = progress;
    }

    /** Queues a URL found at {@code depth}; start URLs are taken even outside the include/exclude patterns. */
    void admit(String url, int depth, boolean start) {
        if (url == null || depth > maxDepth) {
            return;
        }
        if (!start && scope.whyNot(url) != null) {
            return;
        }
        if (!seen.add(url)) {
            return;
        }
        if (progress.get(RunProgress.Tally.DISCOVERED) >= maxPages) {
            truncated.set(true);
            return;
        }
        progress.count(RunProgress.Tally.DISCOVERED);
        queue.add(new Target(url, depth));
    }

    /** Marks a URL reached by a redirect as visited; false if it was already seen (it is crawled under its own URL). */
    boolean claim(String url) {
        return seen.add(url);
    }

    Target poll(long millis) throws InterruptedException {
        return queue.poll(millis, TimeUnit.MILLISECONDS);
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    boolean truncated() {
        return truncated.get();
    }
}
