package de.wattos.analytics.internal;

import de.wattos.analytics.internal.EventIngestion.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for event ingestion: concurrent callers hand in one event each and wait; a single writer thread
 * takes whatever has queued up (up to {@link #MAX_BATCH}) and writes it in one transaction. Each caller returns
 * only after its event was committed, so the listeners' at-least-once guarantee is unchanged, while a flood of
 * events costs one transaction per batch instead of one per event. One writer also means no two batches of this
 * node contend for the same rollup rows.
 */
final class GroupCommit {

    static final int MAX_BATCH = 2_000;
    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private record Pending(Object event, CompletableFuture<Outcome> outcome) {
    }

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Function<List<Object>, List<Outcome>> writeBatch;
    private Thread writer;

    GroupCommit(Function<List<Object>, List<Outcome>> writeBatch) {
        this.writeBatch = writeBatch;
    }

    /** Queues the event and waits until it is written; throws what writing it threw. */
    Outcome submit(Object event) {
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        queue.add(new Pending(event, outcome));
        startWriter(); // after queueing: a writer going idle checks the queue under the same lock
        try {
            Outcome o = outcome.get();
            if (o == Outcome.REFUSED) {
                throw new PredecessorMissing("an event it builds on has not arrived yet");
            }
            return o;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for analytics ingestion", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new CompletionException(e.getCause());
        }
    }

    private synchronized void startWriter() {
        if (writer == null || !writer.isAlive()) {
            writer = Thread.ofVirtual().name("analytics-ingestion").start(this::writeLoop);
        }
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>();
        while (true) {
            try {
                Pending first = queue.poll(30, TimeUnit.SECONDS);
                if (first == null) {
                    synchronized (this) {
                        if (queue.isEmpty()) {
                            writer = null; // idle: the next submit starts a new writer
                            return;
                        }
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                batch.forEach(p -> p.outcome().completeExceptionally(e));
                return;
            } catch (RuntimeException | Error e) {
                batch.forEach(p -> p.outcome().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        try {
            List<Outcome> outcomes = writeBatch.apply(batch.stream().map(Pending::event).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).outcome().complete(outcomes.get(i));
            }
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.getFirst().outcome().completeExceptionally(e);
                return;
            }
            // one bad event must not fail the others: write each alone, so only its own sender sees the error
            log.debug("Analytics batch of {} failed, writing its events one by one: {}", batch.size(), e.toString());
            for (Pending p : batch) {
                write(List.of(p));
            }
        }
    }

    /** Thrown to have an event delivered again later, once the event it builds on was taken. */
    static final class PredecessorMissing extends RuntimeException {
        PredecessorMissing(String message) {
            super(message, null, false, false);
        }
    }
}
