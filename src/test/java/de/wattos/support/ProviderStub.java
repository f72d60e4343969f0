package de.wattos.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A loopback stand-in for a model provider that speaks the provider's real wire protocol (the subclass supplies
 * the framing) and plays a script of behaviours: answers, provider errors, 429 with Retry-After, hangs, garbage,
 * stalled, slow, broken and error-terminated streams, function calls, or a behaviour computed from the request.
 * It records every request it received and counts streams finished and streams the client walked away from.
 *
 * <p>Behaviours are taken from the {@link #enqueue script} first, then the {@link #always fallback}.
 */
public abstract class ProviderStub implements AutoCloseable {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    public record Received(String method, String path, String query, Map<String, String> headers, String body) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The body's bytes as sent (a multipart body is kept byte for byte, see {@link #charsetOf}). */
        public byte[] bytes() {
            return body.getBytes(charsetOf(header("content-type")));
        }
    }

    /** Multipart bodies carry binary files: read as ISO-8859-1, one char per byte, so no byte is lost. */
    static java.nio.charset.Charset charsetOf(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")
                ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
    }

    public sealed interface Behaviour permits Answer, Failure, Hang, Garbage, Drop, Stall, Trickle, StreamError, Huge, Calls,
            Computed {
    }

    /** An answer of {@code chars} characters in one piece (one enormous body, or one enormous stream chunk). */
    public record Huge(int chars) implements Behaviour {
    }

    public record Answer(List<String> deltas, int inputTokens, int outputTokens, String model) implements Behaviour {
        public String text() {
            return String.join("", deltas);
        }
    }

    /** An HTTP error with the provider's error JSON; {@code retryAfter} as the Retry-After header value. */
    public record Failure(int status, String type, String message, String retryAfter) implements Behaviour {
    }

    public record Hang(long millis) implements Behaviour {
    }

    /** One function call the model makes; streamed, its JSON arguments arrive in these {@code pieces}. */
    public record StubCall(String id, String name, List<String> pieces) {
        public String arguments() {
            return String.join("", pieces);
        }
    }

    /** The model answers with function calls instead of text (sync: one body; stream: in pieces). */
    public record Calls(List<StubCall> calls) implements Behaviour {
    }

    /**
     * Sync: a 200 with a non-JSON body. Stream: one good delta (none when {@code firstDelta} is empty), then a chunk
     * that is not JSON.
     */
    public record Garbage(String firstDelta) implements Behaviour {
    }

    /** Stream: the deltas, then the connection is cut without the end of the stream. */
    public record Drop(List<String> deltas) implements Behaviour {
    }

    /** Stream: the deltas, then silence. */
    public record Stall(List<String> deltas, long millis) implements Behaviour {
    }

    /** Stream: one delta every {@code millisPerDelta} (a slow model, for stop and disconnect); sync: the whole answer. */
    public record Trickle(List<String> deltas, long millisPerDelta) implements Behaviour {
        public Answer asAnswer() {
            return new Answer(deltas, 42, deltas.size(), null);
        }
    }

    /** Whatever the function makes of the request: a model that answers from its prompt. */
    public record Computed(Function<Received, Behaviour> reply) implements Behaviour {
    }

    /** Stream: the deltas, then the provider's in-stream error event. */
    public record StreamError(List<String> deltas, String type, String message) implements Behaviour {
    }

    public static Answer answer(String... deltas) {
        return new Answer(List.of(deltas), 42, deltas.length, null);
    }

    private final HttpServer server;
    public final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Behaviour> script = new ArrayDeque<>();
    private volatile Behaviour fallback = answer("Hallo", " Welt");
    public final AtomicInteger chatRequests = new AtomicInteger();
    /** Streams sent to their end. */
    public final AtomicInteger completedStreams = new AtomicInteger();
    /** Streams the client closed before their end (a cancelled generation). */
    public final AtomicInteger abortedStreams = new AtomicInteger();
    public volatile List<String> models = List.of("stub-model-a", "stub-model-b");
    /** When set, the model list answers with this error. */
    public volatile Failure modelsFailure;

    protected ProviderStub() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** The server root; OpenAI-compatible clients take it with or without {@code /v1}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public synchronized ProviderStub enqueue(Behaviour... behaviours) {
        script.addAll(List.of(behaviours));
        return this;
    }

    /** What every chat request gets once the script is used up. */
    public ProviderStub always(Behaviour behaviour) {
        this.fallback = behaviour;
        return this;
    }

    private synchronized Behaviour next() {
        Behaviour b = script.poll();
        return b != null ? b : fallback;
    }

    public Received lastChat() {
        return received.stream().filter(this::isChat).reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no chat request"));
    }

    // --- the wire protocol, supplied per provider ---

    protected abstract boolean isChat(Received r);

    protected abstract boolean isModels(Received r);

    protected abstract boolean wantsStream(Received r);

    protected abstract String syncBody(Answer a, Received r);

    protected abstract String errorBody(Failure f);

    protected String streamContentType() {
        return "text/event-stream";
    }

    protected abstract String streamStart(Received r);

    protected abstract String streamDelta(String delta, Received r);

    protected abstract String streamEnd(Answer a, Received r);

    protected abstract String streamErrorFrame(String type, String message);

    protected abstract String garbageFrame();

    protected abstract String modelsBody(List<String> models);

    protected abstract String toolCallsBody(Calls calls, Received r);

    /** The whole stream of a function-calling answer, in the provider's framing. */
    protected abstract String toolCallsStream(Calls calls, Received r);

    /** Serves a request that is neither chat nor model list (say, embeddings); false answers 404. */
    protected boolean serveOther(HttpExchange ex, Received r) throws IOException {
        return false;
    }

    protected String notFoundBody(Received r) {
        return errorBody(new Failure(404, "not_found_error", "Unknown path " + r.path(), null));
    }

    // --- serving ---

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            Map<String, String> headers = new LinkedHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            String body = new String(ex.getRequestBody().readAllBytes(), charsetOf(headers.get("content-type")));
            Received r = new Received(ex.getRequestMethod(), ex.getRequestURI().getPath(), ex.getRequestURI().getRawQuery(),
                    headers, body);
            received.add(r);
            if (isModels(r)) {
                if (modelsFailure != null) {
                    send(ex, modelsFailure.status(), "application/json", errorBody(modelsFailure));
                } else {
                    send(ex, 200, "application/json", modelsBody(models));
                }
                return;
            }
            if (serveOther(ex, r)) {
                return;
            }
            if (!isChat(r)) {
                send(ex, 404, "application/json", notFoundBody(r));
                return;
            }
            chatRequests.incrementAndGet();
            play(ex, r, next());
        } catch (IOException | RuntimeException e) {
            // the client went away (cancel, timeout) or the exchange was cut on purpose
        }
    }

    private void play(HttpExchange ex, Received r, Behaviour behaviour) throws IOException {
        boolean stream = wantsStream(r);
        if (!stream) {
            playOnce(ex, r, behaviour);
            return;
        }
        try {
            playOnce(ex, r, behaviour);
            completedStreams.incrementAndGet();
        } catch (IOException e) {
            if (!(e instanceof CutOnPurpose)) {
                abortedStreams.incrementAndGet();
            }
            throw e;
        }
    }

    private void playOnce(HttpExchange ex, Received r, Behaviour behaviour) throws IOException {
        boolean stream = wantsStream(r);
        switch (behaviour) {
            case Computed c -> playOnce(ex, r, c.reply().apply(r));
            case Trickle t when !stream -> send(ex, 200, "application/json", syncBody(t.asAnswer(), r));
            case Trickle t -> {
                OutputStream out = startStream(ex);
                write(out, streamStart(r));
                for (String d : t.deltas()) {
                    sleep(t.millisPerDelta());
                    write(out, streamDelta(d, r));
                }
                write(out, streamEnd(t.asAnswer(), r));
            }
            case Calls c when !stream -> send(ex, 200, "application/json", toolCallsBody(c, r));
            case Calls c -> write(startStream(ex), toolCallsStream(c, r));
            case Answer a when !stream -> send(ex, 200, "application/json", syncBody(a, r));
            case Answer a -> {
                OutputStream out = startStream(ex);
                write(out, streamStart(r));
                for (String d : a.deltas()) {
                    write(out, streamDelta(d, r));
                }
                write(out, streamEnd(a, r));
            }
            case Failure f -> {
                if (f.retryAfter() != null) {
                    ex.getResponseHeaders().add("Retry-After", f.retryAfter());
                }
                send(ex, f.status(), "application/json", errorBody(f));
            }
            case Hang h -> {
                sleep(h.millis());
                send(ex, 200, "application/json", syncBody(answer("zu spät"), r));
            }
            case Garbage g when !stream -> send(ex, 200, "application/json", "<html><body>502 Bad Gateway</body></html>");
            case Garbage g -> {
                OutputStream out = startStream(ex);
                if (g.firstDelta() != null && !g.firstDelta().isEmpty()) {
                    write(out, streamStart(r));
                    write(out, streamDelta(g.firstDelta(), r));
                }
                write(out, garbageFrame());
                sleep(200);
            }
            case Drop d -> {
                ex.getResponseHeaders().add("Content-Type", streamContentType());
                ex.sendResponseHeaders(200, 1_000_000); // promise far more than we send, then hang up
                OutputStream out = ex.getResponseBody();
                write(out, streamStart(r));
                for (String delta : d.deltas()) {
                    write(out, streamDelta(delta, r));
                }
                sleep(50);
                throw new CutOnPurpose(); // closing short of the length drops the connection
            }
            case Stall s -> {
                OutputStream out = startStream(ex);
                write(out, streamStart(r));
                for (String delta : s.deltas()) {
                    write(out, streamDelta(delta, r));
                }
                sleep(s.millis());
            }
            case Huge h when !stream -> send(ex, 200, "application/json", syncBody(answer("x".repeat(h.chars())), r));
            case Huge h -> {
                OutputStream out = startStream(ex);
                write(out, streamStart(r));
                write(out, streamDelta("x".repeat(h.chars()), r));
                write(out, streamEnd(answer("x"), r));
            }
            case StreamError e -> {
                OutputStream out = startStream(ex);
                write(out, streamStart(r));
                for (String delta : e.deltas()) {
                    write(out, streamDelta(delta, r));
                }
                write(out, streamErrorFrame(e.type(), e.message()));
            }
        }
    }

    private static final class CutOnPurpose extends IOException {
        CutOnPurpose() {
            super("connection cut on purpose");
        }
    }

    private OutputStream startStream(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().add("Content-Type", streamContentType());
        ex.getResponseHeaders().add("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        return ex.getResponseBody();
    }

    private static void write(OutputStream out, String frame) throws IOException {
        if (frame == null || frame.isEmpty()) {
            return;
        }
        out.write(frame.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    protected static void send(HttpExchange ex, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", contentType);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    protected static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
