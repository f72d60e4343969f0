package de.wattos.widget.internal.web;

import de.wattos.chat.Chat;
import de.wattos.platform.ApiException;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.EventLogStreams;
import de.wattos.platform.events.EventTransport;
import de.wattos.tenancy.Tenants;
import de.wattos.widget.internal.VisitorTokens;
import de.wattos.widget.internal.Widget;
import de.wattos.widget.internal.Widgets;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * What reaches a visitor's conversation outside their own questions, live: a person's replies after a handoff, an
 * answer that arrives after an approval, the conversation going back to the assistant. Server-Sent Events over the
 * bus's event log ({@code channel.conversation.message.posted}, {@code channel.handoff.*} of this conversation); the
 * bus carries ids only, the text is read from the chat when it is sent. Event names: {@code message} (id, role,
 * author, content, citations) and {@code handoff} (status); pings and the stream's end are {@link EventLogStreams}'.
 */
@RestController
class ConversationEventsController {

    private final Widgets widgets;
    private final VisitorTokens tokens;
    private final Tenants tenants;
    private final EventTransport transport;
    private final Chat chat;
    private final EventLogStreams streams;
    private final JsonMapper json;

    ConversationEventsController(Widgets widgets, VisitorTokens tokens, Tenants tenants, EventTransport transport, Chat chat,
            EventLogStreams streams, JsonMapper json) {
        this.streams = streams;
        this.widgets = widgets;
        this.tokens = tokens;
        this.tenants = tenants;
        this.transport = transport;
        this.chat = chat;
        this.json = json;
    }

    record Message(UUID id, String role, String author, String content, List<Chat.Citation> citations) {
    }

    record HandoffChange(String status) {
    }

    @GetMapping(path = "/api/v1/public/widgets/{publicKey}/conversations/{conversationId}/events",
            produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    void stream(@PathVariable String publicKey, @PathVariable UUID conversationId, HttpServletRequest request,
            HttpServletResponse response, @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization)
            throws IOException {
        if (publicKey == null || !Widget.PUBLIC_KEY.matcher(publicKey).matches()) {
            throw ApiException.notFound("Widget");
        }
        Widget w = widgets.findByPublicKey(publicKey).orElseThrow(() -> ApiException.notFound("Widget"));
        TenantRef tenant = tenants.ref(w.tenantId()).orElseThrow(() -> ApiException.notFound("Widget"));
        if (!w.active()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "widget_inactive", "This assistant is currently not available");
        }
        VisitorTokens.Visitor visitor = tokens.verify(authorization, w, request.getHeader(HttpHeaders.ORIGIN));
        String start = TenantContext.callAs(tenant, () -> {
            if (!widgets.ownsConversation(w.id(), conversationId, visitor.visitorId()) || !chat.exists(conversationId)) {
                throw ApiException.notFound("Conversation");
            }
            return transport.head(tenant.id());
        });
        String conversation = conversationId.toString();
        streams.after(start, (after, limit) -> TenantContext.callAs(tenant, () -> transport.readAfter(tenant.id(), after, limit)),
                entry -> conversation.equals(entry.event().payload().get("conversationId"))
                        ? TenantContext.callAs(tenant, () -> frame(entry.event(), conversationId))
                        : Optional.empty())
                .send(response, null);
    }

    private Optional<String> frame(DomainEvent e, UUID conversationId) {
        Map<String, Object> p = e.payload();
        if (e.matches("channel.conversation.message.posted") && !"user".equals(p.get("role"))) {
            return chat.message(conversationId, UUID.fromString(String.valueOf(p.get("messageId"))))
                    .map(m -> "event: message\ndata: " + json.writeValueAsString(new Message(m.id(), m.role(), m.author(),
                            m.content(), m.citations())) + "\n\n");
        }
        if (e.matches("channel.handoff.accepted", "channel.handoff.ended") && p.get("handoffId") != null) {
            String status = e.type().endsWith("accepted") ? "active" : "ended";
            return Optional.of("event: handoff\ndata: " + json.writeValueAsString(new HandoffChange(status)) + "\n\n");
        }
        return Optional.empty();
    }
}
