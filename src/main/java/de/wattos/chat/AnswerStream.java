package de.wattos.chat;

/**
 * Where the events of one streamed answer go ({@code start}, {@code delta}, {@code citations}, {@code end},
 * {@code error}, each with a JSON-serialisable payload, plus keep-alives). The caller picks the transport: the web
 * layer adapts it to Server-Sent Events, the WebSocket to its frames. Implementations are thread-safe: model
 * callbacks, keep-alive pings and stop requests arrive on different threads.
 */
public interface AnswerStream {

    /** Sends one event; false if the client is gone (the answer is then cancelled). */
    boolean send(String event, Object payload);

    /** Sends a keep-alive; false if the client is gone. */
    boolean ping();

    /** Ends the response (idempotent). */
    void close();

    /** Runs {@code action} once when the client disconnects or the transport times out. */
    void onGone(Runnable action);
}
