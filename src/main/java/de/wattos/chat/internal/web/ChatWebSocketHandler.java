package de.wattos.chat.internal.web;

import de.wattos.chat.Chat;
import de.wattos.chat.internal.AnswerSink;
import de.wattos.chat.internal.Answering;
import de.wattos.chat.internal.ChatService;
import de.wattos.chat.internal.KeepAlive;
import de.wattos.chat.internal.StreamEvents;
import de.wattos.platform.ApiException;
import de.wattos.platform.Ids;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The same answer events as the SSE API over a WebSocket. The client sends {@code {"type":"message","content":"…"}}
 * (or {@code {"type":"stop"}}); the server sends {@code {"event":"start|delta|citations|end|error|ping","data":{…}}}.
 * One answer at a time per connection; closing the connection cancels the answer in flight.
 */
@Component
class ChatWebSocketHandler extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(ChatWebSocketHandler.class);
    private static final Pattern PATH = Pattern.compile("/api/v1/tenants/[^/]+/conversations/([^/]+)/ws/?$");
    private static final String TENANT = "wattos.chat.tenant";
    private static final String CONVERSATION = "wattos.chat.conversation";
    private static final String STATE = "wattos.chat.state";

    private final ChatService chat;
    private final KeepAlive keepAlive;
    private final JsonMapper json;

    ChatWebSocketHandler(ChatService chat, KeepAlive keepAlive, JsonMapper json) {
        this.chat = chat;
        this.keepAlive = keepAlive;
        this.json = json;
    }

    /** Per connection: the decorated session, the answer in flight, the connection's keep-alive. */
    private static final class State {
        final WebSocketSession session;
        final AtomicReference<Answering.Run> current = new AtomicReference<>();
        AnswerSink pinger;

        State(WebSocketSession session) {
            this.session = session;
        }
    }

    HandshakeInterceptor handshake() {
        return new HandshakeInterceptor() {
            @Override
            public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
                    WebSocketHandler wsHandler, Map<String, Object> attributes) {
                TenantRef tenant = TenantContext.find().orElse(null);
                Matcher m = PATH.matcher(request.getURI().getPath());
                UUID conversation = m.find() ? Ids.parseOrNull(m.group(1)) : null;
                if (tenant == null) {
                    response.setStatusCode(HttpStatus.UNAUTHORIZED);
                    return false;
                }
                if (conversation == null || !chat.exists(conversation)) {
                    response.setStatusCode(HttpStatus.NOT_FOUND);
                    return false;
                }
                attributes.put(TENANT, tenant);
                attributes.put(CONVERSATION, conversation);
                return true;
            }

            @Override
            public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
                    Exception exception) {
            }
        };
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession raw) {
        State state = new State(new ConcurrentWebSocketSessionDecorator(raw, 10_000, 1024 * 1024));
        state.pinger = new SessionSink(state, true);
        raw.getAttributes().put(STATE, state);
        keepAlive.register(state.pinger);
    }

    @Override
    protected void handleTextMessage(WebSocketSession raw, TextMessage message) {
        State state = (State) raw.getAttributes().get(STATE);
        TenantRef tenant = (TenantRef) raw.getAttributes().get(TENANT);
        UUID conversation = (UUID) raw.getAttributes().get(CONVERSATION);
        JsonNode node;
        try {
            node = json.readTree(message.getPayload());
        } catch (JacksonException e) {
            send(state, "error", new StreamEvents.Error("malformed_message", "Die Nachricht ist kein gültiges JSON."));
            return;
        }
        String type = node.path("type").asString("message");
        switch (type) {
            case "stop" -> {
                Answering.Run run = state.current.get();
                if (run != null) {
                    TenantContext.runAs(tenant, () -> chat.stop(run.messageId()));
                }
            }
            case "message" -> ask(state, tenant, conversation, node.path("content").asString(""));
            default -> send(state, "error", new StreamEvents.Error("unknown_type",
                    "Unbekannter Nachrichtentyp '" + type + "' (erwartet: message, stop)."));
        }
    }

    private void ask(State state, TenantRef tenant, UUID conversation, String content) {
        Answering.Run inFlight = state.current.get();
        if (inFlight != null && !inFlight.isFinished()) {
            send(state, "error", new StreamEvents.Error("busy", "Es wird noch eine Antwort erzeugt."));
            return;
        }
        try {
            TenantContext.runAs(tenant, () -> {
                Answering.Ask ask = chat.prepare(conversation, content, new Chat.AskOptions(null, null));
                SessionSink sink = new SessionSink(state, false);
                Answering.Run run = chat.start(ask, sink);
                state.current.set(run);
            });
        } catch (ApiException e) {
            String detail = e.fieldErrors().isEmpty() ? e.getMessage()
                    : e.fieldErrors().getFirst().field() + ": " + e.fieldErrors().getFirst().message();
            send(state, "error", new StreamEvents.Error(e.code(), detail));
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession raw, CloseStatus status) {
        State state = (State) raw.getAttributes().get(STATE);
        if (state == null) {
            return;
        }
        keepAlive.unregister(state.pinger);
        if (state.pinger instanceof SessionSink s) {
            s.gone();
        }
    }

    private boolean send(State state, String event, Object data) {
        if (!state.session.isOpen()) {
            return false;
        }
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("event", event);
        if (data != null) {
            envelope.put("data", data);
        }
        try {
            state.session.sendMessage(new TextMessage(json.writeValueAsString(envelope)));
            return true;
        } catch (IOException | RuntimeException e) {
            log.debug("WebSocket send failed", e);
            return false;
        }
    }

    /**
     * A sink on the connection. The connection-wide one only pings; an answer's sink sends its events and is
     * cancelled when the connection goes away. Closing an answer's sink leaves the connection open for the next
     * question.
     */
    private final class SessionSink implements AnswerSink {
        private final State state;
        private final boolean keepAliveOnly;
        private final AtomicBoolean done = new AtomicBoolean();
        private final AtomicReference<Runnable> onGone = new AtomicReference<>();

        SessionSink(State state, boolean keepAliveOnly) {
            this.state = state;
            this.keepAliveOnly = keepAliveOnly;
            if (!keepAliveOnly) {
                // the connection's sink tells this answer when the client leaves
                ((SessionSink) state.pinger).onGone.set(this::gone);
            }
        }

        @Override
        public boolean send(String event, Object payload) {
            if (done.get()) {
                return false;
            }
            boolean ok = ChatWebSocketHandler.this.send(state, event, payload);
            if (!ok) {
                gone();
            }
            return ok;
        }

        @Override
        public boolean ping() {
            return keepAliveOnly ? ChatWebSocketHandler.this.send(state, "ping", null) : true;
        }

        @Override
        public void close() {
            done.set(true);
        }

        @Override
        public void onGone(Runnable action) {
            onGone.set(action);
            if (!state.session.isOpen()) {
                gone();
            }
        }

        void gone() {
            Runnable action = onGone.getAndSet(null);
            if (action != null) {
                action.run();
            }
        }
    }
}
