package de.wattos.chat.internal;

/**
 * Where the events of one answer go (an SSE response, a WebSocket session, or a collector for the blocking API).
 * Implementations are thread-safe; model callbacks, keep-alive pings and stop requests arrive on different threads.
 */
public interface AnswerSink {

    /** Sends one event; false if the client is gone (the answer is then cancelled). */
    boolean send(String event, Object payload);

    /** Sends a keep-alive; false if the client is gone. */
    boolean ping();

    /** Ends the response (idempotent). */
    void close();

    /** Runs {@code action} once when the client disconnects or the transport times out. */
    void onGone(Runnable action);
}
