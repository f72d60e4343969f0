package de.wattos.platform.events;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The lifecycle of one Server-Sent Events stream that follows the tenant's event log, for every endpoint that
 * streams events: headers that keep proxies from buffering, {@code retry:}, a {@code : ping} comment at least every
 * {@code wattos.events.ping-interval} (≤ 10 s), waking at once when this instance appends and polling for other
 * instances' events, the end after {@code wattos.events.max-stream-duration} (clients reconnect with
 * {@code Last-Event-ID}) or when the application stops, and a quiet end when the client goes away. Each frame
 * carries its log cursor as {@code id}. It runs on the request's (virtual) thread and returns when the stream ends.
 * Endpoints supply how the log is read and what an entry becomes on the wire; {@link EventLogStreams} hands
 * these out.
 */
public final class EventLogStream {

    /** Reads the log after a cursor (in the tenant context the endpoint needs). */
    @FunctionalInterface
    public interface Reader {
        List<EventTransport.Entry> readAfter(String cursor, int limit) throws Exception;
    }

    /** What an entry becomes: {@code event: …\ndata: …\n\n} (the {@code id} line is added), or nothing. */
    @FunctionalInterface
    public interface Frames {
        Optional<String> frame(EventTransport.Entry entry) throws Exception;
    }

    private static final int BATCH = 200;

    private final EventTransport transport;
    private final Duration ping;
    private final Duration poll;
    private final Duration maxDuration;
    private final BooleanSupplier running;
    private final String start;
    private final Reader reader;
    private final Frames frames;

    EventLogStream(EventTransport transport, Duration ping, Duration poll, Duration maxDuration,
            BooleanSupplier running, String start, Reader reader, Frames frames) {
        this.transport = transport;
        this.ping = ping;
        this.poll = poll;
        this.maxDuration = maxDuration;
        this.running = running;
        this.start = start;
        this.reader = reader;
        this.frames = frames;
    }

    /** Sends the stream; {@code greeting} is a comment sent first (say, what was subscribed to), or null. */
    public void send(HttpServletResponse response, String greeting) throws IOException {
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Accel-Buffering", "no");
        OutputStream out = response.getOutputStream();
        write(out, "retry: 3000\n: " + (greeting == null ? "subscribed" : greeting) + "\n\n");
        follow(out);
    }

    private void follow(OutputStream out) {
        Semaphore appended = new Semaphore(0);
        long waitMillis = Math.min(poll.toMillis(), ping.toMillis());
        long end = System.nanoTime() + maxDuration.toNanos();
        long lastWrite = System.nanoTime();
        String cursor = start;
        try (AutoCloseable subscription = transport.onAppend(appended::release)) {
            while (running.getAsBoolean() && System.nanoTime() < end) {
                List<EventTransport.Entry> batch = reader.readAfter(cursor, BATCH);
                for (EventTransport.Entry entry : batch) {
                    cursor = entry.cursor();
                    Optional<String> frame = frames.frame(entry);
                    if (frame.isPresent()) {
                        write(out, "id: " + entry.cursor() + "\n" + frame.get());
                        lastWrite = System.nanoTime();
                    }
                }
                if (batch.size() == BATCH) {
                    continue;
                }
                // the ping is due before the next wait could overrun the interval
                if (System.nanoTime() - lastWrite >= ping.toNanos() - TimeUnit.MILLISECONDS.toNanos(waitMillis)) {
                    write(out, ": ping\n\n");
                    lastWrite = System.nanoTime();
                }
                appended.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
                appended.drainPermits();
            }
        } catch (IOException gone) {
            // the client went away: nothing to tell anyone
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
