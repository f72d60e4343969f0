package de.wattos.chat.internal;

import java.util.concurrent.atomic.AtomicReference;

/** The sink of the blocking API: nobody listens to the events, only a failure is kept. */
final class CollectingSink implements AnswerSink {

    private final AtomicReference<StreamEvents.Error> error = new AtomicReference<>();

    @Override
    public boolean send(String event, Object payload) {
        if (payload instanceof StreamEvents.Error e) {
            error.set(e);
        }
        return true;
    }

    @Override
    public boolean ping() {
        return true;
    }

    @Override
    public void close() {
    }

    @Override
    public void onGone(Runnable action) {
    }

    StreamEvents.Error error() {
        return error.get();
    }
}
