package de.wattos.voice.internal.contract;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import tools.jackson.databind.json.JsonMapper;

/**
 * A loopback stand-in for a speech or transcription service that speaks the service's wire protocol (the subclass
 * supplies paths and bodies) and plays a script: answers, the service's error bodies, 429 with Retry-After, hangs
 * and garbage. It records every request it received.
 */
public abstract class VoiceStub implements AutoCloseable {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    public record Received(String method, String path, String query, Map<String, String> headers, byte[] body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    public sealed interface Behaviour permits Answer, Failure, Hang, Hold, Garbage {
    }

    /** The service's normal answer for the request. */
    public record Answer() implements Behaviour {
    }

    public record Failure(int status, String message, String retryAfter) implements Behaviour {
    }

    public record Hang(long millis) implements Behaviour {
    }

    /**
     * The normal answer, held back until {@code release} opens (or {@code maxMillis} passed, so a failing test cannot
     * hang the build); {@code reached} opens when the request has arrived.
     */
    public record Hold(java.util.concurrent.CountDownLatch reached, java.util.concurrent.CountDownLatch release,
            long maxMillis) implements Behaviour {
        public Hold() {
            this(new java.util.concurrent.CountDownLatch(1), new java.util.concurrent.CountDownLatch(1), 120_000);
        }
    }

    /** A 200 whose body is not what the service sends (a proxy's HTML page). */
    public record Garbage() implements Behaviour {
    }

    /** A body the stub sends: content type and bytes. */
    public record Body(String contentType, byte[] bytes) {
        public static Body json(Object value) {
            return new Body("application/json", JSON.writeValueAsBytes(value));
        }
    }

    private final HttpServer server;
    public final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Behaviour> script = new ArrayDeque<>();

    protected VoiceStub() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + basePath());
    }

    public synchronized VoiceStub enqueue(Behaviour... behaviours) {
        script.addAll(List.of(behaviours));
        return this;
    }

    public Received last() {
        if (received.isEmpty()) {
            throw new AssertionError("the stub received no request");
        }
        return received.getLast();
    }

    private synchronized Behaviour next() {
        Behaviour b = script.poll();
        return b != null ? b : new Answer();
    }

    /** The path prefix a configured base URL carries ({@code /v1} for OpenAI), "" if none. */
    protected String basePath() {
        return "";
    }

    protected abstract boolean accepts(Received r);

    protected abstract Body answer(Received r);

    protected abstract Body error(Failure f);

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            Map<String, String> headers = new LinkedHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            Received r = new Received(ex.getRequestMethod(), ex.getRequestURI().getPath(), ex.getRequestURI().getRawQuery(),
                    headers, ex.getRequestBody().readAllBytes());
            received.add(r);
            if (!accepts(r)) {
                send(ex, 404, error(new Failure(404, "Unknown path " + r.path(), null)));
                return;
            }
            switch (next()) {
                case Answer a -> send(ex, 200, answer(r));
                case Failure f -> {
                    if (f.retryAfter() != null) {
                        ex.getResponseHeaders().add("Retry-After", f.retryAfter());
                    }
                    send(ex, f.status(), error(f));
                }
                case Hang h -> {
                    Thread.sleep(h.millis());
                    send(ex, 200, answer(r));
                }
                case Hold h -> {
                    h.reached().countDown();
                    h.release().await(h.maxMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                    send(ex, 200, answer(r));
                }
                case Garbage g -> send(ex, 200, new Body("text/html", "<html><body>Bad Gateway</body></html>"
                        .getBytes(StandardCharsets.UTF_8)));
            }
        } catch (IOException | RuntimeException e) {
            // the client went away (timeout)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange ex, int status, Body body) throws IOException {
        ex.getResponseHeaders().add("Content-Type", body.contentType());
        ex.sendResponseHeaders(status, body.bytes().length == 0 ? -1 : body.bytes().length);
        if (body.bytes().length > 0) {
            ex.getResponseBody().write(body.bytes());
        }
    }

    /** {@code millis} of a quiet 220 Hz tone as 16-bit mono PCM. */
    public static byte[] tone(int sampleRate, long millis) {
        int samples = (int) (sampleRate * millis / 1000);
        ByteBuffer b = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++) {
            b.putShort((short) (Math.sin(2 * Math.PI * 220 * i / sampleRate) * 3000));
        }
        return b.array();
    }

    public static byte[] wav(int sampleRate, long millis) {
        return de.wattos.voice.internal.espeak.Wav.wrap(tone(sampleRate, millis), sampleRate);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
