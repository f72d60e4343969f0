package de.wattos.agent;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.support.TestApi;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The data of a tenant's live event stream, read on a virtual thread as it arrives (the stream ends with the test). */
final class EventFeed {

    private final BlockingQueue<String> data = new LinkedBlockingQueue<>();

    private EventFeed() {
    }

    /** Subscribes to the event stream at {@code path} (with its {@code topics}). */
    static EventFeed follow(TestApi api, String path, String token) throws Exception {
        HttpResponse<InputStream> stream = api.http().send(api.builder(path, token).timeout(Duration.ofMinutes(3))
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        EventFeed feed = new EventFeed();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith("data:")) {
                        feed.data.add(line.substring(5).strip());
                    }
                }
            } catch (Exception closed) {
                // the stream ends with the test
            }
        });
        return feed;
    }

    /** The next event whose data contains all parts (others are skipped); fails after a generous wait. */
    String next(String... parts) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String e = data.poll(1, TimeUnit.SECONDS);
            if (e != null && List.of(parts).stream().allMatch(e::contains)) {
                return e;
            }
        }
        throw new AssertionError("no event with " + List.of(parts));
    }
}
