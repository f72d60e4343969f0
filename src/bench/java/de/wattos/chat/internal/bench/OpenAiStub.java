package de.wattos.chat.internal.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small OpenAI-compatible chat-completions server on loopback ({@code POST …/chat/completions}, streaming and
 * not), speaking the real wire protocol: JSON bodies, {@code data: {chunk}} Server-Sent Events, {@code data: [DONE]}.
 * It answers with the first sentence of the numbered source that shares most words with the question and cites
 * it ({@code [n]}), as a grounded model would. {@link Mode}s simulate faulty providers. Used by the chat benchmark and the chat integration tests.
 */
public final class OpenAiStub implements AutoCloseable {

    public enum Mode {
        /** A grounded answer citing [1], streamed at once. */
        ANSWER,
        /** Like ANSWER but one token every {@code tokenDelayMillis}, for stop and disconnect. */
        SLOW,
        /** HTTP 200 with chunks that are not JSON. */
        GARBAGE,
        /** A few tokens, then the connection is cut without {@code [DONE]}. */
        DROP,
        /** HTTP 500 with an OpenAI error body. */
        FAIL,
        /** A fluent answer that cites no source (an ungrounded model), streamed at once. */
        UNCITED
    }

    private static final Pattern SOURCE = Pattern.compile("(?s)(?:^|\\n)\\[(\\d+)\\][^\\n]*\\n(.+?)(?=\\n\\n\\[\\d+\\] |\\z)");
    private static final Pattern LAST_QUESTION = Pattern.compile("Letzte Frage: (.+)$", Pattern.DOTALL);

    static {
        // without TCP_NODELAY the JDK server's small chunk writes meet Nagle + delayed ACK: ~40 ms per first token
        // that would be the stub's, not the platform's
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final JsonMapper json = JsonMapper.builder().build();
    private volatile Mode mode = Mode.ANSWER;
    private volatile long tokenDelayMillis = 50;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger completedStreams = new AtomicInteger();
    private final AtomicInteger abortedStreams = new AtomicInteger();
    private final List<String> purposes = java.util.Collections.synchronizedList(new ArrayList<>());

    public OpenAiStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1000);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base URL to register as an OpenAI-compatible provider ({@code http://127.0.0.1:port/v1}). */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public OpenAiStub mode(Mode mode) {
        this.mode = mode;
        return this;
    }

    public OpenAiStub tokenDelayMillis(long millis) {
        this.tokenDelayMillis = millis;
        return this;
    }

    public int requests() {
        return requests.get();
    }

    public int completedStreams() {
        return completedStreams.get();
    }

    /** Streams the stub could not finish because the client (the gateway) closed the connection. */
    public int abortedStreams() {
        return abortedStreams.get();
    }

    /** What kind of requests arrived: {@code condense} or {@code chat}, in order. */
    public List<String> kinds() {
        return List.copyOf(purposes);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            serve(exchange);
        } catch (DroppedOnPurpose e) {
            // leave the exchange unclosed: the server then drops the connection without ending the chunked body
            throw e;
        }
        exchange.close();
    }

    private void serve(HttpExchange exchange) throws IOException {
        {
            String path = exchange.getRequestURI().getPath();
            if ("GET".equals(exchange.getRequestMethod()) && path.endsWith("/models")) {
                respond(exchange, 200, Map.of("object", "list", "data", List.of(Map.of("id", "stub-model", "object", "model"))));
                return;
            }
            if ("POST".equals(exchange.getRequestMethod()) && path.endsWith("/embeddings")) {
                embeddings(exchange);
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod()) || !path.endsWith("/chat/completions")) {
                respond(exchange, 404, Map.of("error", Map.of("message", "not found", "type", "invalid_request_error")));
                return;
            }
            requests.incrementAndGet();
            JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
            String model = body.path("model").asString("stub-model");
            boolean stream = body.path("stream").asBoolean(false);
            Mode m = mode;
            String answer = answerFor(body);
            if (m == Mode.UNCITED && !isCondensing(body)) {
                answer = "Die Gebühr beträgt nach meiner Kenntnis 12 Euro, bezahlt wird im Rathaus.";
            }
            if (m == Mode.FAIL) {
                respond(exchange, 500, Map.of("error", Map.of("message", "stub failure", "type", "server_error")));
                return;
            }
            if (!stream) {
                if (m == Mode.GARBAGE) {
                    byte[] bytes = "{\"choices\": [ this is not json".getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, bytes.length);
                    exchange.getResponseBody().write(bytes);
                    return;
                }
                respond(exchange, 200, Map.of("id", "chatcmpl-stub", "object", "chat.completion", "created",
                        System.currentTimeMillis() / 1000, "model", model,
                        "choices", List.of(Map.of("index", 0, "message", Map.of("role", "assistant", "content", answer),
                                "finish_reason", "stop")),
                        "usage", Map.of("prompt_tokens", 100, "completion_tokens", answer.length() / 4,
                                "total_tokens", 100 + answer.length() / 4)));
                return;
            }
            stream(exchange, model, answer, m);
        }
    }

    private static boolean isCondensing(JsonNode body) {
        JsonNode messages = body.path("messages");
        return messages.size() > 0 && messages.get(0).path("content").asString("").startsWith("Formuliere");
    }

    private String answerFor(JsonNode body) {
        JsonNode messages = body.path("messages");
        String system = messages.size() > 0 ? messages.get(0).path("content").asString("") : "";
        String last = messages.size() > 0 ? messages.get(messages.size() - 1).path("content").asString("") : "";
        if (system.startsWith("Formuliere")) {
            purposes.add("condense");
            Matcher q = LAST_QUESTION.matcher(last);
            String question = q.find() ? q.group(1).strip() : last;
            int firstUser = last.indexOf("Nutzer: ");
            String context = firstUser < 0 ? "" : last.substring(firstUser + 8, last.indexOf('\n', firstUser));
            return question + " (im Zusammenhang mit: " + context + ")";
        }
        purposes.add("chat");
        // the numbered sources of the prompt: "[n] title — heading\ntext\n\n"; answer from the one sharing most
        // words with the question and cite it, as a grounded model would
        int q = last.lastIndexOf("\nFrage: ");
        String question = q < 0 ? "" : last.substring(q + 8).toLowerCase(java.util.Locale.ROOT);
        Matcher source = SOURCE.matcher(q < 0 ? last : last.substring(0, q));
        int bestN = -1;
        int bestScore = -1;
        String bestText = null;
        while (source.find()) {
            String text = source.group(2).strip();
            String haystack = (source.group(0)).toLowerCase(java.util.Locale.ROOT);
            int score = 0;
            for (String word : question.split("[^\\p{L}\\p{N}]+")) {
                if (word.length() >= 4 && haystack.contains(word.substring(0, Math.min(word.length(), 6)))) {
                    score++;
                }
            }
            if (score > bestScore) {
                bestScore = score;
                bestN = Integer.parseInt(source.group(1));
                bestText = text;
            }
        }
        if (bestText == null) {
            return "Dazu liegen mir keine Quellen vor.";
        }
        String flat = bestText.replaceAll("\\s+", " ");
        int end = flat.indexOf(". ");
        String sentence = end > 0 ? flat.substring(0, end + 1) : flat;
        if (sentence.length() > 300) {
            sentence = sentence.substring(0, 300) + " …";
        }
        // cites up front, as a grounded model does: the chat shows nothing before the first citation
        return "Laut Quelle [" + bestN + "]: " + sentence + " [" + bestN + "]";
    }

    private void stream(HttpExchange exchange, String model, String answer, Mode m) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        try {
            if (m == Mode.GARBAGE) {
                out.write("data: {\"id\": \"x\", \"choices\": [ {{{ garbage\n\ndata: ###\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                return;
            }
            List<String> tokens = tokens(answer);
            chunk(out, model, Map.of("role", "assistant", "content", ""), null);
            int sent = 0;
            for (String token : tokens) {
                if (m == Mode.DROP && sent == 3) {
                    out.flush();
                    Thread.sleep(300); // let the client read what it got, then cut the connection: no [DONE]
                    throw new DroppedOnPurpose();
                }
                if (m == Mode.SLOW && tokenDelayMillis > 0) {
                    Thread.sleep(tokenDelayMillis);
                }
                chunk(out, model, Map.of("content", token), null);
                sent++;
            }
            chunk(out, model, Map.of(), "stop");
            String usage = json.writeValueAsString(Map.of("id", "chatcmpl-stub", "object", "chat.completion.chunk",
                    "created", System.currentTimeMillis() / 1000, "model", model, "choices", List.of(),
                    "usage", Map.of("prompt_tokens", 100, "completion_tokens", tokens.size(), "total_tokens", 100 + tokens.size())));
            out.write(("data: " + usage + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            completedStreams.incrementAndGet();
        } catch (IOException e) {
            abortedStreams.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code /embeddings}: hashed bag-of-words vectors (256 dimensions, unit length), cheap and deterministic. */
    private void embeddings(HttpExchange exchange) throws IOException {
        JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
        JsonNode input = body.path("input");
        List<String> texts = new ArrayList<>();
        if (input.isArray()) {
            input.forEach(n -> texts.add(n.asString("")));
        } else {
            texts.add(input.asString(""));
        }
        List<Map<String, Object>> data = new ArrayList<>();
        int tokens = 0;
        for (int i = 0; i < texts.size(); i++) {
            float[] v = hashedVector(texts.get(i), EMBEDDING_DIMENSION);
            List<Float> list = new ArrayList<>(v.length);
            for (float x : v) {
                list.add(x);
            }
            data.add(Map.of("object", "embedding", "index", i, "embedding", list));
            tokens += texts.get(i).length() / 4;
        }
        respond(exchange, 200, Map.of("object", "list", "data", data, "model", body.path("model").asString("stub-embedding"),
                "usage", Map.of("prompt_tokens", tokens, "total_tokens", tokens)));
    }

    static final int EMBEDDING_DIMENSION = 256;

    static float[] hashedVector(String text, int dimension) {
        float[] v = new float[dimension];
        Matcher m = Pattern.compile("[\\p{L}\\p{N}]+").matcher(text.toLowerCase(java.util.Locale.ROOT));
        while (m.find()) {
            String w = m.group();
            String stem = w.length() > 6 ? w.substring(0, 6) : w;
            int h = stem.hashCode();
            v[Math.floorMod(h, dimension)] += (h & 0x10000) == 0 ? 1f : -1f;
        }
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        if (norm == 0) {
            v[0] = 1f;
            return v;
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }

    private void respond(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static final class DroppedOnPurpose extends RuntimeException {
    }

    private void chunk(OutputStream out, String model, Map<String, Object> delta, String finishReason) throws IOException {
        Map<String, Object> choice = new java.util.LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("delta", delta);
        choice.put("finish_reason", finishReason);
        String data = json.writeValueAsString(Map.of("id", "chatcmpl-stub", "object", "chat.completion.chunk",
                "created", System.currentTimeMillis() / 1000, "model", model, "choices", List.of(choice)));
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\\S+\\s*").matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
