package de.wattos.chat.internal;

import de.wattos.chat.AnswerStream;

/**
 * The answering pipeline's view of an {@link AnswerStream} (an SSE response, a WebSocket session, or a collector
 * for the blocking API).
 */
public interface AnswerSink extends AnswerStream {

    /** The stream itself when it already is a sink, else a sink that passes every call on. */
    static AnswerSink of(AnswerStream stream) {
        if (stream instanceof AnswerSink sink) {
            return sink;
        }
        return new AnswerSink() {
            @Override
            public boolean send(String event, Object payload) {
                return stream.send(event, payload);
            }

            @Override
            public boolean ping() {
                return stream.ping();
            }

            @Override
            public void close() {
                stream.close();
            }

            @Override
            public void onGone(Runnable action) {
                stream.onGone(action);
            }
        };
    }
}
