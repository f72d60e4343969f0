package de.wattos.crawl.internal;

import de.wattos.platform.TenantContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a crawl run has counted and which URLs failed, saved to its run row about once a second (the console's
 * progress stream reads it from there) and once more at the end. Saving also tells whether someone cancelled the run.
 */
final class RunProgress {

    private static final Logger log = LoggerFactory.getLogger(RunProgress.class);

    enum Tally {
        DISCOVERED, FETCHED, NEW, CHANGED, UNCHANGED, REMOVED, SKIPPED, FAILED, REDIRECTED
    }

    private final CrawlRun run;
    private final Runs runs;
    private final int maxFailures;
    private final BooleanSupplier truncated;
    private final Runnable onCancelled;
    private final AtomicIntegerArray tallies = new AtomicIntegerArray(Tally.values().length);
    private final List<Runs.Failure> pendingFailures = new ArrayList<>();
    private final CountDownLatch stop = new CountDownLatch(1);
    private int recordedFailures;
    private Thread saver;

    RunProgress(CrawlRun run, Runs runs, int maxFailures, BooleanSupplier truncated, Runnable onCancelled) {
        this.run = run;
        this.runs = runs;
        this.maxFailures = maxFailures;
        this.truncated = truncated;
        this.onCancelled = onCancelled;
    }

    void count(Tally tally) {
        tallies.incrementAndGet(tally.ordinal());
    }

    int get(Tally tally) {
        return tallies.get(tally.ordinal());
    }

    CrawlRun.Counters counters() {
        return new CrawlRun.Counters(get(Tally.DISCOVERED), get(Tally.FETCHED), get(Tally.NEW), get(Tally.CHANGED),
                get(Tally.UNCHANGED), get(Tally.REMOVED), get(Tally.SKIPPED), get(Tally.FAILED), get(Tally.REDIRECTED));
    }

    /** Counts a failed URL and keeps its reason (up to the run's limit of stored failures). */
    void failure(String url, String reason, Integer httpStatus) {
        count(Tally.FAILED);
        synchronized (pendingFailures) {
            if (recordedFailures + pendingFailures.size() < maxFailures) {
                pendingFailures.add(new Runs.Failure(url, reason, httpStatus));
            }
        }
    }

    void startSaving() {
        saver = Thread.ofVirtual().name("crawl-progress-" + run.id()).start(this::saveLoop);
    }

    /** Stops the periodic saving and saves the final state. */
    void finish() {
        // no interrupt: it would close the JDBC socket under a write in progress
        stop.countDown();
        if (saver != null) {
            try {
                saver.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        save();
    }

    private void saveLoop() {
        while (true) {
            try {
                if (stop.await(1, TimeUnit.SECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
            try {
                TenantContext.runAs(run.tenantRef(), this::save);
            } catch (RuntimeException e) {
                log.warn("Crawl {}: progress not saved: {}", run.id(), e.getMessage());
            }
        }
    }

    private synchronized void save() {
        List<Runs.Failure> batch;
        int first;
        synchronized (pendingFailures) {
            batch = List.copyOf(pendingFailures);
            pendingFailures.clear();
            first = recordedFailures;
            recordedFailures += batch.size();
        }
        if (!batch.isEmpty()) {
            try {
                TenantContext.runAs(run.tenantRef(), () -> runs.addFailures(run.id(), first, batch));
            } catch (RuntimeException e) {
                synchronized (pendingFailures) { // try again with the next save
                    pendingFailures.addAll(0, batch);
                    recordedFailures -= batch.size();
                }
                throw e;
            }
        }
        if (runs.progress(run.id(), counters(), truncated.getAsBoolean())) {
            onCancelled.run();
        }
    }
}
