package de.wattos.crawl.internal;

import de.wattos.platform.NodeRoles;
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
 * Crash safety: a running run is leased to its node for {@code heartbeat-timeout}, and each progress save (about
 * once a second) extends the lease and saves counters and frontier together. A run whose lease expired (its node
 * died) is claimed by any worker like a queued run and continues from its saved frontier: pages done before the
 * last save are not fetched again. At start-up this node ends the leases it held before a restart, so they are
 * continued at once. A run taken over {@code max-takeovers} times is marked failed.
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
     * What start-up does: runs this node held before a restart are not running here any more; their leases end now,
     * so the next claim (of any worker) continues them. Runs taken over too often are marked failed.
     */
    public int recoverInterruptedRuns() {
        int released = runs.releaseOwn(props.nodeName());
        if (released > 0) {
            log.warn("{} crawl run(s) of this node were interrupted by a restart; they continue from their saved frontier",
                    released);
        }
        failAbandoned();
        return released;
    }

    private void failAbandoned() {
        int failed = runs.failAbandoned(props.maxTakeovers(),
                "interrupted: the crawling node stopped " + (props.maxTakeovers() + 1) + " times (no heartbeat)");
        if (failed > 0) {
            log.warn("Marked {} crawl run(s) failed whose nodes stopped too often", failed);
        }
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
                    failAbandoned();
                }
                Runs.Claim claim = runs.claim(props.maxConcurrentRuns(), props.nodeName(), props.heartbeatTimeout(),
                        props.maxTakeovers());
                for (CrawlRun run : claim.runs()) {
                    running.incrementAndGet();
                    Thread.ofVirtual().name("crawl-" + run.id()).start(() -> {
                        try {
                            engine.execute(run, claim.token());
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
