package de.wattos.analytics.internal;

import de.wattos.analytics.internal.EventIngestion.Outcome;
import de.wattos.platform.events.DeliverLater;
import java.time.Duration;
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
 * Group commit for event ingestion: concurrent callers hand in one event each and wait; a writer thread takes
 * whatever has queued up (up to {@link #MAX_BATCH}) and writes it in one transaction. Each caller returns only after
 * its event was committed, so the listeners' at-least-once guarantee is unchanged, while a flood of events costs one
 * transaction per batch instead of one per event.
 * <p>
 * There is one writer per lane, and an event's lane follows its key (the tenant): all rollup rows are per tenant, so
 * two lanes never contend for the same rows, while PostgreSQL works on one lane's batch as the JVM prepares the
 * other's (a single writer left one of two cores idle). Within a tenant, events keep their order.
 * <p>
 * An event that builds on one not taken yet (an answer before its conversation: the listeners run concurrently) is
 * held and handed in again a few times, as its predecessor usually arrives within milliseconds; only then is it
 * given back to the event bus for a later delivery ({@link PredecessorMissing}).
 */
final class GroupCommit {

    static final int MAX_BATCH = 2_000;
    /** The waits before an out-of-order event is handed in again; after the last, the bus delivers it later. */
    private static final List<Duration> HOLD = List.of(Duration.ofMillis(20), Duration.ofMillis(100),
            Duration.ofMillis(400), Duration.ofMillis(1_000));
    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private record Pending(Object event, CompletableFuture<Outcome> outcome) {
    }

    private final Lane[] lanes;
    private final Function<Object, Object> laneKey;
    private final Function<List<Object>, List<Outcome>> writeBatch;

    GroupCommit(Function<List<Object>, List<Outcome>> writeBatch, Function<Object, Object> laneKey, int lanes) {
        this.writeBatch = writeBatch;
        this.laneKey = laneKey;
        this.lanes = new Lane[Math.max(1, lanes)];
        for (int i = 0; i < this.lanes.length; i++) {
            this.lanes[i] = new Lane(i);
        }
    }

    /**
     * Queues the event and waits until it is written; throws what writing it threw, or {@link PredecessorMissing}
     * when what it builds on has still not arrived after the hold.
     */
    Outcome submit(Object event) {
        Object key = laneKey.apply(event);
        Lane lane = lanes[Math.floorMod(key == null ? 0 : key.hashCode(), lanes.length)];
        for (int attempt = 0; ; attempt++) {
            Outcome o = lane.submit(event);
            if (o != Outcome.REFUSED) {
                return o;
            }
            if (attempt == HOLD.size()) {
                throw new PredecessorMissing("an event it builds on has not arrived yet");
            }
            try {
                Thread.sleep(HOLD.get(attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PredecessorMissing("interrupted while holding an event whose predecessor is missing");
            }
        }
    }

    private final class Lane {

        private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
        private final String name;
        private Thread writer;

        Lane(int index) {
            this.name = "analytics-ingestion-" + index;
        }

        Outcome submit(Object event) {
            CompletableFuture<Outcome> outcome = new CompletableFuture<>();
            queue.add(new Pending(event, outcome));
            startWriter(); // after queueing: a writer going idle checks the queue under the same lock
            try {
                return outcome.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for analytics ingestion", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new CompletionException(e.getCause());
            }
        }

        private synchronized void startWriter() {
            if (writer == null || !writer.isAlive()) {
                writer = Thread.ofVirtual().name(name).start(this::writeLoop);
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
    static final class PredecessorMissing extends DeliverLater {
        PredecessorMissing(String message) {
            super(message);
        }
    }
}
