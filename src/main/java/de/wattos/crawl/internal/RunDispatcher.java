package de.wattos.crawl.internal;

import de.wattos.platform.NodeRoles;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The crawl queue: claims queued runs while fewer than {@code max-concurrent-runs} run system-wide (an advisory
 * lock makes the count exact across nodes) and executes them on virtual threads.
 * <p>
 * Crash safety: a run cannot survive a restart (its frontier lives in memory), so at start-up this node marks the
 * runs it owned as failed ("interrupted by restart"), and any node marks runs failed whose heartbeat stopped for
 * {@code heartbeat-timeout} (a node that died). They are not resumed: the next run (manual or scheduled) picks up
 * the work, cheaply thanks to conditional GETs.
 */
@Component
public class RunDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RunDispatcher.class);

    private final Runs runs;
    private final CrawlEngine engine;
    private final CrawlProperties props;
    private final NodeRoles roles;
    private final Semaphore wake = new Semaphore(0);
    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean started;
    private Thread loop;

    public RunDispatcher(Runs runs, CrawlEngine engine, CrawlProperties props, NodeRoles roles) {
        this.roles = roles;
        this.runs = runs;
        this.engine = engine;
        this.props = props;
    }

    /** Looks at the queue now instead of at the next interval. */
    public void wake() {
        wake.release();
    }

    @Override
    public void start() {
        if (!roles.runsBackgroundWork()) {
            return; // an api node only queues runs; worker nodes claim and crawl them
        }
        recoverInterruptedRuns();
        started = true;
        loop = Thread.ofPlatform().daemon().name("crawl-dispatcher").start(this::loop);
    }

    /**
     * What start-up does: runs this node owned cannot be running any more (their state was in memory), and runs
     * whose node stopped sending heartbeats are dead too; both are marked failed.
     */
    public int recoverInterruptedRuns() {
        int interrupted = runs.failInterrupted(props.nodeName(), Instant.now().minus(props.heartbeatTimeout()),
                "interrupted by restart", "interrupted: the crawling node stopped (no heartbeat)");
        if (interrupted > 0) {
            log.warn("Marked {} crawl run(s) failed that were interrupted by a restart", interrupted);
        }
        return interrupted;
    }

    private void loop() {
        long lastReap = System.nanoTime();
        while (started) {
            try {
                wake.tryAcquire(props.dispatchInterval().toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
                if (!started) {
                    return;
                }
                if (System.nanoTime() - lastReap > props.heartbeatTimeout().toNanos() / 3) {
                    lastReap = System.nanoTime();
                    int stale = runs.failInterrupted(null, Instant.now().minus(props.heartbeatTimeout()), null,
                            "interrupted: the crawling node stopped (no heartbeat)");
                    if (stale > 0) {
                        log.warn("Marked {} crawl run(s) failed whose node stopped sending heartbeats", stale);
                    }
                }
                List<CrawlRun> claimed = runs.claim(props.maxConcurrentRuns(), props.nodeName());
                for (CrawlRun run : claimed) {
                    running.incrementAndGet();
                    Thread.ofVirtual().name("crawl-" + run.id()).start(() -> {
                        try {
                            engine.execute(run);
                        } finally {
                            running.decrementAndGet();
                            wake();
                        }
                    });
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (started) {
                    log.warn("Crawl queue check failed: {}", e.getMessage());
                }
            }
        }
    }

    @Override
    public void stop() {
        started = false;
        engine.beginShutdown();
        wake();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (running.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (loop != null) {
            loop.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    @Override
    public int getPhase() {
        // stop before the web server and the data source go away
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }
}
