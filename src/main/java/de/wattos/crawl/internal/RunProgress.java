package de.wattos.crawl.internal;

import de.wattos.platform.TenantContext;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a crawl run has counted, which URLs failed and how far its frontier got, saved to its run row about once a
 * second (the console's progress stream reads it from there) and once more at the end. Saving also extends the run's
 * lease and tells whether someone cancelled the run or another node took it over.
 * <p>
 * Counters and frontier are saved in one transaction and always match: what a page counts while it is processed
 * (on its worker thread, between {@link #beginPage()} and {@link #endPage}) is merged together with its done mark,
 * the URLs it admitted and the redirect targets it claimed. A node that dies loses at most the pages since the last
 * save; the node that takes the run over processes them again (conditional GET, content hash: no new chunks).
 */
final class RunProgress {

    private static final Logger log = LoggerFactory.getLogger(RunProgress.class);

    enum Tally {
        DISCOVERED, FETCHED, NEW, CHANGED, UNCHANGED, REMOVED, SKIPPED, FAILED, REDIRECTED
    }

    /** What one page counted and admitted while it is processed. */
    private static final class PageTally {
        final int[] tallies = new int[Tally.values().length];
        final List<Runs.FrontierUrl> admitted = new ArrayList<>();
    }

    private final CrawlRun run;
    private final UUID leaseToken;
    private final Runs runs;
    private final CrawlProperties props;
    private final BooleanSupplier truncated;
    private final BooleanSupplier startReached;
    private final Runnable onCancelled;
    private final Runnable onLeaseLost;
    private final ThreadLocal<PageTally> page = new ThreadLocal<>();
    private final Object lock = new Object();
    private final int[] tallies = new int[Tally.values().length];
    private final List<Runs.Failure> pendingFailures = new ArrayList<>();
    private List<Runs.FrontierUrl> pendingAdmitted = new ArrayList<>();
    private List<String> pendingDone = new ArrayList<>();
    private List<String> pendingClaimed = new ArrayList<>();
    private final CountDownLatch stop = new CountDownLatch(1);
    private int recordedFailures;
    private Thread saver;

    RunProgress(CrawlRun run, UUID leaseToken, Runs runs, CrawlProperties props, CrawlRun.Counters initial,
            int recordedFailures, BooleanSupplier truncated, BooleanSupplier startReached, Runnable onCancelled,
            Runnable onLeaseLost) {
        this.run = run;
        this.leaseToken = leaseToken;
        this.runs = runs;
        this.props = props;
        this.truncated = truncated;
        this.startReached = startReached;
        this.onCancelled = onCancelled;
        this.onLeaseLost = onLeaseLost;
        this.recordedFailures = recordedFailures;
        int[] start = {initial.discovered(), initial.fetched(), initial.newCount(), initial.changed(),
                initial.unchanged(), initial.removed(), initial.skipped(), initial.failed(), initial.redirected()};
        System.arraycopy(start, 0, tallies, 0, start.length);
    }

    void count(Tally tally) {
        PageTally p = page.get();
        if (p != null) {
            p.tallies[tally.ordinal()]++;
            return;
        }
        synchronized (lock) {
            tallies[tally.ordinal()]++;
        }
    }

    /** A URL entered the frontier (counted as discovered). */
    void admitted(String url, int depth) {
        PageTally p = page.get();
        if (p != null) {
            p.admitted.add(new Runs.FrontierUrl(url, depth, false));
            p.tallies[Tally.DISCOVERED.ordinal()]++;
            return;
        }
        synchronized (lock) {
            pendingAdmitted.add(new Runs.FrontierUrl(url, depth, false));
            tallies[Tally.DISCOVERED.ordinal()]++;
        }
    }

    /** The current thread starts processing a page: its counts are held back until {@link #endPage}. */
    void beginPage() {
        page.set(new PageTally());
    }

    /**
     * The current thread's page is done: its counts, admitted URLs, claimed redirect targets and its done mark are
     * merged at once. With {@code complete} false (interrupted) nothing of it is kept: the page stays open.
     */
    void endPage(String url, List<String> claimed, boolean complete) {
        PageTally p = page.get();
        page.remove();
        if (p == null || !complete) {
            return;
        }
        synchronized (lock) {
            for (int i = 0; i < tallies.length; i++) {
                tallies[i] += p.tallies[i];
            }
            pendingAdmitted.addAll(p.admitted);
            pendingDone.add(url);
            pendingClaimed.addAll(claimed);
        }
    }

    int get(Tally tally) {
        synchronized (lock) {
            return tallies[tally.ordinal()];
        }
    }

    CrawlRun.Counters counters() {
        synchronized (lock) {
            return snapshot();
        }
    }

    private CrawlRun.Counters snapshot() {
        return new CrawlRun.Counters(tallies[0], tallies[1], tallies[2], tallies[3], tallies[4], tallies[5], tallies[6],
                tallies[7], tallies[8]);
    }

    /** Counts a failed URL and keeps its reason (up to the run's limit of stored failures). */
    void failure(String url, String reason, Integer httpStatus) {
        count(Tally.FAILED);
        synchronized (pendingFailures) {
            if (recordedFailures + pendingFailures.size() < props.maxFailuresPerRun()) {
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
        CrawlRun.Counters counters;
        Runs.FrontierDelta delta;
        synchronized (lock) {
            counters = snapshot();
            delta = new Runs.FrontierDelta(pendingAdmitted, pendingDone, pendingClaimed);
            pendingAdmitted = new ArrayList<>();
            pendingDone = new ArrayList<>();
            pendingClaimed = new ArrayList<>();
        }
        Runs.Lease lease;
        try {
            lease = runs.progress(run.id(), leaseToken, props.heartbeatTimeout(), counters, truncated.getAsBoolean(),
                    startReached.getAsBoolean(), run.tenantId(), delta);
        } catch (RuntimeException e) {
            synchronized (lock) { // offered again with the next save, in front of what came since
                delta.admitted().addAll(pendingAdmitted);
                delta.done().addAll(pendingDone);
                delta.claimed().addAll(pendingClaimed);
                pendingAdmitted = new ArrayList<>(delta.admitted());
                pendingDone = new ArrayList<>(delta.done());
                pendingClaimed = new ArrayList<>(delta.claimed());
            }
            throw e;
        }
        switch (lease) {
            case CANCEL_REQUESTED -> onCancelled.run();
            case LOST -> onLeaseLost.run();
            case HELD -> {
            }
        }
    }
}
