package de.wattos.support;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The one OpenAI-compatible server for tests and benchmarks, on loopback, speaking OpenAI's wire protocol as OpenAI,
 * vLLM and LiteLLM serve it:
 * <ul>
 *   <li>{@code POST /v1/chat/completions}: a JSON {@code chat.completion}, or with {@code "stream": true} Server-Sent
 *       Events of {@code chat.completion.chunk}s ending in {@code data: [DONE]}; {@code usage} in the body, and in a
 *       last chunk when {@code stream_options.include_usage} asks for it; {@code tool_calls} whole or as streamed
 *       deltas ({@link Calls});</li>
 *   <li>{@code POST /v1/embeddings}: a {@code list} of {@code embedding}s with their {@code index} and {@code usage};</li>
 *   <li>{@code GET /v1/models}: the {@link #models} as a {@code list} of {@code model}s;</li>
 *   <li>errors in OpenAI's envelope {@code {"error": {"message", "type", "param", "code"}}} with the HTTP status of the
 *       {@link Failure} ({@link #unauthorized()}, {@link #rateLimited(String)}, {@link #serverError()}, ...).</li>
 * </ul>
 * Paths are accepted with or without the {@code /v1} prefix, so a provider may be registered with {@link #baseUri()} or
 * {@link #baseUrl()}. What a chat request gets is scripted ({@link #enqueue}, {@link #always}): answers, slow streams
 * ({@link Trickle}), hangs and stalls for timeouts, dropped and garbled streams, or a reply computed from the request
 * ({@link Computed}). Every request is recorded in {@link #received}.
 */
public class OpenAiStub extends ProviderStub {

    private final Deque<Failure> embeddingFailures = new ArrayDeque<>();
    private volatile Function<String, float[]> embedder = text -> hashedVector(text, 256);
    private volatile boolean embeddingsOutOfOrder;
    private final List<Received> answeredEmbeddings = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** The OpenAI base URL clients are usually configured with: {@code http://127.0.0.1:port/v1}. */
    public String baseUrl() {
        return baseUri() + "/v1";
    }

    // --- OpenAI's errors, with the status, type and code OpenAI sends ---

    public static Failure unauthorized() {
        return new Failure(401, "invalid_request_error", "Incorrect API key provided.", null);
    }

    public static Failure rateLimited(String retryAfter) {
        return new Failure(429, "requests", "Rate limit reached for requests.", retryAfter);
    }

    public static Failure badRequest(String message) {
        return new Failure(400, "invalid_request_error", message, null);
    }

    public static Failure serverError() {
        return new Failure(500, "server_error", "The server had an error while processing your request.", null);
    }

    public static Failure overloaded() {
        return new Failure(503, "server_error", "The engine is currently overloaded, please try again later.", null);
    }

    // --- embeddings ---

    /** The next embedding requests fail with these, in order, before answers resume. */
    public synchronized OpenAiStub enqueueEmbeddingFailures(Failure... failures) {
        embeddingFailures.addAll(List.of(failures));
        return this;
    }

    /** How a text becomes its vector (default: a unit-length hashed bag of words, 256 dimensions). */
    public OpenAiStub embedWith(Function<String, float[]> embedder) {
        this.embedder = embedder;
        return this;
    }

    /** Answers the embeddings in reverse order: clients must place them by {@code index}, as the protocol says. */
    public OpenAiStub embeddingsOutOfOrder(boolean outOfOrder) {
        this.embeddingsOutOfOrder = outOfOrder;
        return this;
    }

    /** The embedding requests that were answered (the failed ones are in {@link #received} only). */
    public List<Received> embeddingRequests() {
        return List.copyOf(answeredEmbeddings);
    }

    private synchronized Failure nextEmbeddingFailure() {
        return embeddingFailures.poll();
    }

    private boolean isEmbeddings(Received r) {
        return r.method().equals("POST") && endpoint(r).equals("/embeddings");
    }

    private static String endpoint(Received r) {
        return r.path().startsWith("/v1/") ? r.path().substring(3) : r.path();
    }

    @Override
    protected boolean serveOther(HttpExchange ex, Received r) throws IOException {
        if (!isEmbeddings(r)) {
            return false;
        }
        Failure failure = nextEmbeddingFailure();
        if (failure != null) {
            if (failure.retryAfter() != null) {
                ex.getResponseHeaders().add("Retry-After", failure.retryAfter());
            }
            send(ex, failure.status(), "application/json", errorBody(failure));
            return true;
        }
        answeredEmbeddings.add(r);
        JsonNode input = r.json().path("input");
        List<String> texts = new ArrayList<>();
        if (input.isArray()) {
            input.forEach(n -> texts.add(n.asString("")));
        } else {
            texts.add(input.asString(""));
        }
        List<Map<String, Object>> data = new ArrayList<>();
        int tokens = 0;
        for (int i = 0; i < texts.size(); i++) {
            List<Float> vector = new ArrayList<>();
            for (float x : embedder.apply(texts.get(i))) {
                vector.add(x);
            }
            data.add(Map.of("object", "embedding", "index", i, "embedding", vector));
            tokens += Math.max(1, texts.get(i).length() / 4);
        }
        if (embeddingsOutOfOrder) {
            data = data.reversed();
        }
        send(ex, 200, "application/json", json(Map.of("object", "list", "data", data,
                "model", r.json().path("model").asString("text-embedding-stub"),
                "usage", Map.of("prompt_tokens", tokens, "total_tokens", tokens))));
        return true;
    }

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    /** A cheap, deterministic embedding: words (cut to six letters) hashed into signed buckets, unit length. */
    public static float[] hashedVector(String text, int dimension) {
        float[] v = new float[dimension];
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            String w = m.group();
            int h = (w.length() > 6 ? w.substring(0, 6) : w).hashCode();
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

    // --- chat completions ---

    @Override
    protected boolean isChat(Received r) {
        return r.method().equals("POST") && endpoint(r).equals("/chat/completions");
    }

    @Override
    protected boolean isModels(Received r) {
        return r.method().equals("GET") && endpoint(r).equals("/models");
    }

    @Override
    protected boolean wantsStream(Received r) {
        return r.json().path("stream").asBoolean(false);
    }

    protected String model(Received r, Answer a) {
        return a != null && a.model() != null ? a.model() : r.json().path("model").asString("gpt-stub");
    }

    @Override
    protected String syncBody(Answer a, Received r) {
        return json(Map.of("id", "chatcmpl-1", "object", "chat.completion", "created", 1700000000, "model", model(r, a),
                "choices", List.of(Map.of("index", 0, "message", Map.of("role", "assistant", "content", a.text()),
                        "finish_reason", "stop")),
                "usage", Map.of("prompt_tokens", a.inputTokens(), "completion_tokens", a.outputTokens(),
                        "total_tokens", a.inputTokens() + a.outputTokens())));
    }

    @Override
    protected String errorBody(Failure f) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", f.message());
        error.put("type", f.type());
        error.put("param", null);
        error.put("code", switch (f.status()) {
            case 401 -> "invalid_api_key";
            case 429 -> "rate_limit_exceeded";
            default -> null;
        });
        return json(Map.of("error", error));
    }

    @Override
    protected String notFoundBody(Received r) {
        return errorBody(new Failure(404, "invalid_request_error", "Unknown request URL: " + r.method() + " " + r.path(), null));
    }

    private String chunk(Received r, Map<String, Object> delta, String finish) {
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("delta", delta);
        choice.put("finish_reason", finish);
        return "data: " + json(Map.of("id", "chatcmpl-1", "object", "chat.completion.chunk", "created", 1700000000,
                "model", model(r, null), "choices", List.of(choice))) + "\n\n";
    }

    @Override
    protected String streamStart(Received r) {
        return chunk(r, Map.of("role", "assistant", "content", ""), null);
    }

    @Override
    protected String streamDelta(String delta, Received r) {
        return chunk(r, Map.of("content", delta), null);
    }

    @Override
    protected String streamEnd(Answer a, Received r) {
        String end = chunk(r, Map.of(), "stop");
        if (r.json().path("stream_options").path("include_usage").asBoolean(false)) {
            end += "data: " + json(Map.of("id", "chatcmpl-1", "object", "chat.completion.chunk", "model", model(r, a),
                    "choices", List.of(), "usage", Map.of("prompt_tokens", a.inputTokens(),
                            "completion_tokens", a.outputTokens(), "total_tokens", a.inputTokens() + a.outputTokens()))) + "\n\n";
        }
        return end + "data: [DONE]\n\n";
    }

    @Override
    protected String streamErrorFrame(String type, String message) {
        return "data: " + json(Map.of("error", Map.of("message", message, "type", type))) + "\n\n";
    }

    @Override
    protected String garbageFrame() {
        return "data: {\"id\": \"chatcmpl-1\", \"choices\": [ {oops\n\n";
    }

    @Override
    protected String modelsBody(List<String> models) {
        return json(Map.of("object", "list", "data", models.stream()
                .map(m -> Map.of("id", m, "object", "model", "created", 1700000000, "owned_by", "stub")).toList()));
    }

    @Override
    protected String toolCallsBody(Calls calls, Received r) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", "assistant");
        message.put("content", null);
        message.put("tool_calls", calls.calls().stream().map(c -> Map.of("id", c.id(), "type", "function",
                "function", Map.of("name", c.name(), "arguments", c.arguments()))).toList());
        return json(Map.of("id", "chatcmpl-2", "object", "chat.completion", "created", 1700000000, "model", model(r, null),
                "choices", List.of(Map.of("index", 0, "message", message, "finish_reason", "tool_calls")),
                "usage", Map.of("prompt_tokens", 50, "completion_tokens", 12, "total_tokens", 62)));
    }

    @Override
    protected String toolCallsStream(Calls calls, Received r) {
        StringBuilder out = new StringBuilder(chunk(r, Map.of("role", "assistant", "content", ""), null));
        for (int i = 0; i < calls.calls().size(); i++) {
            StubCall c = calls.calls().get(i);
            out.append(chunk(r, Map.of("tool_calls", List.of(Map.of("index", i, "id", c.id(), "type", "function",
                    "function", Map.of("name", c.name(), "arguments", "")))), null));
            for (String piece : c.pieces()) {
                out.append(chunk(r, Map.of("tool_calls", List.of(Map.of("index", i, "function", Map.of("arguments", piece)))), null));
            }
        }
        out.append(chunk(r, Map.of(), "tool_calls"));
        return out + "data: [DONE]\n\n";
    }
}
