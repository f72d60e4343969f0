package de.wattos.platform.internal.events;

import de.wattos.support.TestApi;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/** A browser-like SSE subscriber on a background thread: events and comments land in queues until closed. */
public final class EventStreamClient implements AutoCloseable {

    public record Event(String id, String topic, JsonNode data) {
    }

    public final int status;
    private final InputStream body;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> comments = new LinkedBlockingQueue<>();

    private EventStreamClient(int status, InputStream body) {
        this.status = status;
        this.body = body;
        if (status == 200) {
            Thread.ofVirtual().start(this::read);
        }
    }

    public static EventStreamClient open(TestApi api, String tenant, String topics, String token, String lastEventId) throws Exception {
        HttpRequest.Builder b = api.builder("/api/v1/tenants/" + tenant + "/events?topics=" + topics, token)
                .timeout(Duration.ofMinutes(5)).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> r = api.http().send(b.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        return new EventStreamClient(r.statusCode(), r.body());
    }

    private void read() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String id = null;
            String topic = null;
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(id, topic, TestApi.JSON.readTree(data.toString())));
                    }
                    id = null;
                    topic = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).strip());
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    topic = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                }
            }
        } catch (Exception closed) {
            // the test closed the stream
        }
    }

    /** The next event, or null if none comes within the wait. */
    public Event next(Duration wait) throws InterruptedException {
        return events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Events until one with the subject id arrives (that one included); fails after the wait. */
    public List<Event> until(String subjectId, Duration wait) throws InterruptedException {
        List<Event> seen = new ArrayList<>();
        long end = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < end) {
            Event e = next(Duration.ofMillis(200));
            if (e != null) {
                seen.add(e);
                if (subjectId.equals(e.data().path("subject").path("id").asString())) {
                    return seen;
                }
            }
        }
        throw new AssertionError("no event about " + subjectId + " within " + wait + "; saw " + seen);
    }

    String nextComment(Duration wait) throws InterruptedException {
        return comments.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws Exception {
        body.close();
    }
}
