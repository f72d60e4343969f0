package de.wattos.chat.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Sends a keep-alive ({@code : ping} on SSE) on every open answer stream at the configured interval (10 s), so
 * proxies keep the connection and a vanished client is noticed even while the model is silent.
 */
@Component
public class KeepAlive implements DisposableBean {

    private final Set<AnswerSink> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();

    KeepAlive(ChatProperties properties) {
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "chat-keepalive");
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(10, properties.pingInterval().toMillis());
        timer.scheduleAtFixedRate(this::pingAll, millis, millis, TimeUnit.MILLISECONDS);
    }

    public void register(AnswerSink sink) {
        open.add(sink);
    }

    public void unregister(AnswerSink sink) {
        open.remove(sink);
    }

    int openCount() {
        return open.size();
    }

    void pingAll() {
        for (AnswerSink sink : open) {
            // a slow client must not hold up the others: each ping on its own virtual thread
            senders.execute(() -> {
                if (!sink.ping()) {
                    open.remove(sink);
                }
            });
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
        senders.shutdownNow();
    }
}
