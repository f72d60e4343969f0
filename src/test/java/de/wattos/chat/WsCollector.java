package de.wattos.chat;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.support.TestApi;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/** Collects the JSON messages a WebSocket receives. */
final class WsCollector implements WebSocket.Listener {

    final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            messages.add(TestApi.JSON.readTree(partial.toString()));
            partial.setLength(0);
        }
        ws.request(1);
        return null;
    }

    /** Events (pings skipped) up to and including the first one named {@code until}, within 30 seconds. */
    List<JsonNode> until(String until) throws InterruptedException {
        List<JsonNode> out = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            JsonNode m = messages.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertThat(m).as("no '" + until + "' event arrived; got " + out).isNotNull();
            if (m.get("event").asString().equals("ping")) {
                continue;
            }
            out.add(m);
            if (m.get("event").asString().equals(until)) {
                return out;
            }
        }
    }
}
