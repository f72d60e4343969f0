package de.wattos.platform;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A background task run again and again with a fixed delay on its own daemon thread (mail senders and other worker
 * jobs that own their start and stop). Stopping lets a run in progress finish, for a bounded wait, instead of cutting
 * it off halfway (a mail half sent); only after the wait is it interrupted.
 */
public final class FixedDelayLoop {

    private final ScheduledExecutorService executor;

    private FixedDelayLoop(String threadName) {
        this.executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name(threadName).daemon().factory());
    }

    /** Runs {@code task} every {@code delay} (first after one delay) until {@link #stop}; a run that throws ends it. */
    public static FixedDelayLoop start(String threadName, Duration delay, Runnable task) {
        FixedDelayLoop loop = new FixedDelayLoop(threadName);
        long every = Math.max(1, delay.toMillis());
        loop.executor.scheduleWithFixedDelay(task, every, every, TimeUnit.MILLISECONDS);
        return loop;
    }

    /**
     * Schedules no further run and waits up to {@code wait} for the one in progress; answers false if it was still
     * running then (it is interrupted).
     */
    public boolean stop(Duration wait) {
        executor.shutdown();
        try {
            if (executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
        return false;
    }
}
