package de.wattos.f13.internal;

import de.wattos.llm.ModelRequest.ModelMessage;
import de.wattos.llm.internal.http.HttpModelProvider;
import de.wattos.llm.internal.http.ProviderHttp;
import de.wattos.llm.internal.http.SseParser;
import de.wattos.llm.internal.spi.Cancellation;
import de.wattos.llm.internal.spi.ProviderCall;
import de.wattos.llm.internal.spi.ProviderException;
import de.wattos.llm.internal.spi.ProviderResult;
import de.wattos.llm.internal.spi.ProviderSettings;
import de.wattos.llm.internal.spi.ToolCallDeltas;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * F13 as a language model: {@code POST /chat/completion}, {@code POST /chat/completion/stream}, {@code GET /chat/llms}
 * behind F13's gateway, with a Keycloak bearer token (or none in guest mode). The conversation is brought into the
 * shape F13 accepts before sending (see {@link F13Wire#conversation}); what F13 cannot do (function calling,
 * structured output) is refused before sending, so the gateway asks its next provider. A 401 drops the cached token.
 */
class F13ModelProvider extends HttpModelProvider {

    private final KeycloakTokens tokens;
    private final KeycloakTokens.Client client;
    /** Why this provider cannot call at all (a key that is no Keycloak client), or null. */
    private final String misconfigured;

    F13ModelProvider(ProviderSettings settings, ProviderHttp http, JsonMapper json, KeycloakTokens tokens,
            KeycloakTokens.Client client, String misconfigured) {
        super(settings, http, json);
        this.tokens = tokens;
        this.client = client;
        this.misconfigured = misconfigured;
    }

    @Override
    public ProviderResult complete(ProviderCall call) {
        refuseWhatF13CannotDo(call);
        try {
            return super.complete(call);
        } catch (ProviderException e) {
            throw dropTokenIfRefused(e);
        }
    }

    @Override
    public ProviderResult stream(ProviderCall call, Consumer<String> onDelta, ToolCallDeltas toolDeltas,
            Cancellation cancellation) {
        refuseWhatF13CannotDo(call);
        try {
            return super.stream(call, onDelta, toolDeltas, cancellation);
        } catch (ProviderException e) {
            throw dropTokenIfRefused(e);
        }
    }

    @Override
    public List<String> listModels() {
        try {
            return super.listModels();
        } catch (ProviderException e) {
            throw dropTokenIfRefused(e);
        }
    }

    private ProviderException dropTokenIfRefused(ProviderException e) {
        if (e.status() == 401 && client != null) {
            tokens.invalidate(client);
        }
        return e;
    }

    private static void refuseWhatF13CannotDo(ProviderCall call) {
        if (!call.tools().isEmpty() || call.messages().stream().anyMatch(m -> m.role() == ModelMessage.Role.TOOL
                || !m.toolCalls().isEmpty())) {
            throw new ProviderException("provider_error", "F13 offers no function calling");
        }
        if (call.responseSchema() != null) {
            throw new ProviderException("provider_error", "F13 offers no structured output");
        }
    }

    private HttpRequest.Builder authorize(HttpRequest.Builder b) {
        if (misconfigured != null) {
            throw new ProviderException("provider_error", misconfigured);
        }
        if (client != null) {
            try {
                b.header("Authorization", "Bearer " + tokens.token(client));
            } catch (KeycloakTokens.TokenFailure e) {
                boolean unreachable = e.getMessage().contains("not reachable");
                throw new ProviderException(unreachable ? "provider_unavailable" : "provider_error",
                        "F13 Keycloak: " + e.getMessage());
            }
        }
        return b.header("Accept", "application/json, text/event-stream");
    }

    @Override
    protected HttpRequest chatRequest(ProviderCall call, boolean stream) {
        List<String> system = new ArrayList<>();
        List<F13Wire.Message> turns = new ArrayList<>();
        for (ModelMessage m : call.messages()) {
            String content = m.content() == null ? "" : m.content();
            switch (m.role()) {
                case SYSTEM -> system.add(content);
                case ASSISTANT -> turns.add(new F13Wire.Message("assistant", content));
                default -> turns.add(new F13Wire.Message("user", content));
            }
        }
        JsonNode body = json.valueToTree(F13Wire.chatRequest(call.model(), F13Wire.conversation(system, turns)));
        return authorize(post(resolve(stream ? "/chat/completion/stream" : "/chat/completion"), body)).build();
    }

    @Override
    protected JsonNode parse(String body) {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !(node.isObject() || node.isArray())) {
                throw malformed("expected JSON");
            }
            return node;
        } catch (JacksonException e) {
            throw malformed("not JSON");
        }
    }

    @Override
    protected ProviderResult parseCompletion(JsonNode body, ProviderCall call) {
        String text = body.isObject() ? F13Wire.completionText(body) : null;
        if (text == null) {
            throw malformed("no answer text in F13's completion");
        }
        Integer in = F13Wire.usage(body, "prompt_tokens");
        Integer out = F13Wire.usage(body, "completion_tokens");
        return new ProviderResult(text, call.model(), in == null ? estimateTokens(call.messages()) : in,
                out == null ? estimateTokens(text) : out, "stop");
    }

    @Override
    protected StreamReader streamReader(ProviderCall call, ToolCallDeltas toolDeltas) {
        return new StreamReader() {
            final StringBuilder text = new StringBuilder();
            Integer inputTokens;
            Integer outputTokens;
            Consumer<String> sink;
            boolean done;
            final SseParser sse = new SseParser((event, data) -> event(data));

            boolean event(String data) {
                if ("[DONE]".equals(data.strip())) {
                    return done = true;
                }
                JsonNode node;
                try {
                    node = json.readTree(data);
                } catch (JacksonException e) {
                    throw malformed("a stream event is not JSON");
                }
                if (node == null || !node.isObject()) {
                    throw malformed("a stream event is not a JSON object");
                }
                String error = F13Wire.streamError(node);
                if (error != null) {
                    throw new ProviderException("provider_error", "F13 error in stream: " + error);
                }
                String delta = F13Wire.deltaText(node);
                if (delta != null && !delta.isEmpty()) {
                    text.append(delta);
                    sink.accept(delta);
                }
                if (F13Wire.isEnd(node)) {
                    inputTokens = F13Wire.usage(node, "prompt_tokens");
                    outputTokens = F13Wire.usage(node, "completion_tokens");
                    done = true;
                }
                return done;
            }

            @Override
            public boolean line(String line, Consumer<String> onDelta) {
                sink = onDelta;
                if (line == null) {
                    return sse.flush();
                }
                String l = line.strip();
                if (l.startsWith("{")) { // one JSON object a line instead of SSE
                    return event(l);
                }
                return sse.line(line);
            }

            @Override
            public ProviderResult finish(boolean ended) {
                // F13 may simply close the body after the last chunk (assumed); a connection cut mid-body is an
                // I/O error before we get here
                String answer = text.toString();
                return new ProviderResult(answer, call.model(),
                        inputTokens == null ? estimateTokens(call.messages()) : inputTokens,
                        outputTokens == null ? estimateTokens(answer) : outputTokens, "stop");
            }
        };
    }

    @Override
    protected String errorMessage(JsonNode body) {
        String reason = F13Wire.errorOf(json, json.writeValueAsString(body));
        return reason.isEmpty() || reason.equals(": unexpected JSON") ? null : reason.substring(2);
    }

    @Override
    protected HttpRequest modelsRequest() {
        return authorize(request(resolve("/chat/llms")).GET()).build();
    }

    @Override
    protected List<String> parseModels(JsonNode body) {
        List<String> names = F13Wire.modelNames(body);
        if (names == null) {
            throw malformed("no model list in F13's /chat/llms");
        }
        return names;
    }
}
