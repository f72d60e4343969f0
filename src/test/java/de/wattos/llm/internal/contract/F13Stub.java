package de.wattos.llm.internal.contract;

import com.sun.net.httpserver.HttpExchange;
import de.wattos.support.ProviderStub;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * F13 behind its gateway, as WattOS assumes it (see {@code F13Wire}): {@code POST /chat/completion},
 * {@code POST /chat/completion/stream} (SSE {@code data:} events, {@code [DONE]}), {@code GET /chat/llms}, FastAPI
 * error bodies {@code {"detail": …}}, F13's documented refusals (422 for a {@code system} role or more than 100
 * messages), and its Keycloak token endpoint ({@code /realms/f13/protocol/openid-connect/token}, client credentials,
 * five-minute tokens). Chat and model requests without a token it issued answer 401, unless in guest mode.
 */
public class F13Stub extends ProviderStub {

    public static final String TOKEN_PATH = "/realms/f13/protocol/openid-connect/token";

    public final AtomicInteger tokensIssued = new AtomicInteger();
    public volatile boolean guest;
    /** Tokens the gateway accepts; a test may revoke them. */
    public final java.util.Set<String> valid = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    protected boolean serveOther(HttpExchange ex, Received r) throws IOException {
        if (!r.path().equals(TOKEN_PATH)) {
            Failure refused = r.path().startsWith("/chat/") ? refusal(r) : null;
            if (refused != null) {
                send(ex, refused.status(), "application/json", errorBody(refused));
                return true;
            }
            return false;
        }
        if (!r.body().contains("grant_type=client_credentials") || !r.body().contains("client_id=wattos")
                || !r.body().contains("client_secret=geheim") || !r.body().contains("audience=f13-api")) {
            send(ex, 401, "application/json", json(Map.of("error", "unauthorized_client",
                    "error_description", "Invalid client or Invalid client credentials")));
            return true;
        }
        String token = "f13-token-" + tokensIssued.incrementAndGet();
        valid.add(token);
        send(ex, 200, "application/json", json(Map.of("access_token", token, "expires_in", 300, "token_type", "Bearer")));
        return true;
    }

    /** The gateway's checks before F13 sees the request: a token, then F13's documented limits. */
    private Failure refusal(Received r) {
        if (!guest) {
            String auth = r.header("authorization");
            if (auth == null || !auth.startsWith("Bearer ") || !valid.contains(auth.substring(7))) {
                return new Failure(401, "unauthorized", "Missing or invalid token", null);
            }
        }
        if (r.method().equals("POST")) {
            var messages = r.json().path("messages");
            if (messages.size() > 100) {
                return new Failure(422, "validation", "at most 100 messages", null);
            }
            for (var m : messages) {
                if (!m.path("role").asString("").matches("user|assistant")) {
                    return new Failure(422, "validation", "role must be user or assistant", null);
                }
            }
        }
        return null;
    }

    @Override
    protected boolean isChat(Received r) {
        return r.method().equals("POST") && (r.path().equals("/chat/completion") || r.path().equals("/chat/completion/stream"));
    }

    @Override
    protected boolean isModels(Received r) {
        return r.method().equals("GET") && r.path().equals("/chat/llms") && refusal(r) == null;
    }

    @Override
    protected String notFoundBody(Received r) {
        return errorBody(new Failure(404, "not_found", "Not Found", null));
    }

    @Override
    protected boolean wantsStream(Received r) {
        return r.path().endsWith("/stream");
    }

    @Override
    protected String syncBody(Answer a, Received r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("content", a.text());
        m.put("usage", Map.of("prompt_tokens", a.inputTokens(), "completion_tokens", a.outputTokens()));
        return json(m);
    }

    @Override
    protected String errorBody(Failure f) {
        return json(Map.of("detail", f.message()));
    }

    @Override
    protected String streamStart(Received r) {
        return "";
    }

    @Override
    protected String streamDelta(String delta, Received r) {
        return "data: " + json(Map.of("type", "response", "content", delta)) + "\n\n";
    }

    @Override
    protected String streamEnd(Answer a, Received r) {
        return "data: " + json(Map.of("type", "done", "usage", Map.of("prompt_tokens", a.inputTokens(),
                "completion_tokens", a.outputTokens()))) + "\n\ndata: [DONE]\n\n";
    }

    @Override
    protected String streamErrorFrame(String type, String message) {
        return "data: " + json(Map.of("type", "error", "message", message)) + "\n\n";
    }

    @Override
    protected String garbageFrame() {
        return "data: {\"type\": \"response\", \"content\": oops\n\n";
    }

    @Override
    protected String modelsBody(List<String> models) {
        return json(models.stream().map(m -> Map.of("name", m, "label", m.toUpperCase(), "is_remote", false)).toList());
    }

    @Override
    protected String toolCallsBody(Calls calls, Received r) {
        throw new UnsupportedOperationException("F13 has no function calling");
    }

    @Override
    protected String toolCallsStream(Calls calls, Received r) {
        throw new UnsupportedOperationException("F13 has no function calling");
    }
}
