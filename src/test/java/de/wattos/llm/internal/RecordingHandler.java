package de.wattos.llm.internal;

import de.wattos.llm.ModelException;
import de.wattos.llm.ModelResponse;
import de.wattos.llm.StreamHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A stream handler that records every event, as chat would receive them. */
public final class RecordingHandler implements StreamHandler {

    public final List<String> deltas = new CopyOnWriteArrayList<>();
    public volatile String provider;
    public volatile String model;
    public volatile ModelResponse response;
    public volatile ModelException error;
    public final AtomicInteger starts = new AtomicInteger();
    public final AtomicInteger terminals = new AtomicInteger();
    private final CountDownLatch done = new CountDownLatch(1);

    @Override
    public void onStart(String provider, String model) {
        starts.incrementAndGet();
        this.provider = provider;
        this.model = model;
    }

    @Override
    public void onDelta(String text) {
        deltas.add(text);
    }

    @Override
    public void onComplete(ModelResponse response) {
        this.response = response;
        terminals.incrementAndGet();
        done.countDown();
    }

    @Override
    public void onError(ModelException error) {
        this.error = error;
        terminals.incrementAndGet();
        done.countDown();
    }

    public RecordingHandler await(Duration timeout) throws InterruptedException {
        if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("stream did not end within " + timeout);
        }
        return this;
    }

    public RecordingHandler await() throws InterruptedException {
        return await(Duration.ofSeconds(20));
    }

    public String text() {
        return String.join("", deltas);
    }
}
