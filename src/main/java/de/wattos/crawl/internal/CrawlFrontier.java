package de.wattos.crawl.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

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
    private final AtomicInteger admitted = new AtomicInteger();

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
        if (admitted.incrementAndGet() > maxPages) {
            admitted.decrementAndGet();
            truncated.set(true);
            return;
        }
        progress.admitted(url, depth);
        queue.add(new Target(url, depth));
    }

    /**
     * Continues a run taken over from another node: every URL it saved counts as seen, those not done are queued
     * again (breadth first), and the page limit counts what it admitted.
     */
    void restore(java.util.List<Runs.FrontierUrl> saved, boolean wasTruncated) {
        for (Runs.FrontierUrl u : saved) {
            seen.add(u.url());
            if (u.depth() >= 0) {
                admitted.incrementAndGet();
                if (!u.done()) {
                    queue.add(new Target(u.url(), u.depth()));
                }
            }
        }
        if (wasTruncated) {
            truncated.set(true);
        }
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
