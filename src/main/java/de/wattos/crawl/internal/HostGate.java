package de.wattos.crawl.internal;

import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * Politeness per host: at most {@code concurrency} requests at once, and request starts at least {@code delay}
 * apart.
 */
public final class HostGate {

    private final Semaphore permits;
    private final long delayNanos;
    private long nextStart = System.nanoTime();

    public HostGate(int concurrency, Duration delay) {
        this.permits = new Semaphore(Math.max(1, concurrency), true);
        this.delayNanos = delay.toNanos();
    }

    public void acquire() throws InterruptedException {
        permits.acquire();
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long start = Math.max(now, nextStart);
            nextStart = start + delayNanos;
            wait = start - now;
        }
        if (wait > 0) {
            try {
                Thread.sleep(Duration.ofNanos(wait));
            } catch (InterruptedException e) {
                permits.release();
                throw e;
            }
        }
    }

    public void release() {
        permits.release();
    }
}
