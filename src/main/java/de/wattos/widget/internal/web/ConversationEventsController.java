package de.wattos.widget.internal.web;

import de.wattos.chat.Chat;
import de.wattos.platform.ApiException;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.EventTransport;
import de.wattos.tenancy.Tenants;
import de.wattos.widget.internal.VisitorTokens;
import de.wattos.widget.internal.Widget;
import de.wattos.widget.internal.Widgets;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;
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
 * author, content, citations) and {@code handoff} (status); {@code : ping} keeps proxies from closing the stream.
 */
@RestController
class ConversationEventsController implements SmartLifecycle {

    private static final Duration PING = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration MAX_STREAM = Duration.ofMinutes(30);

    private final Widgets widgets;
    private final VisitorTokens tokens;
    private final Tenants tenants;
    private final EventTransport transport;
    private final Chat chat;
    private final JsonMapper json;
    private volatile boolean running;

    ConversationEventsController(Widgets widgets, VisitorTokens tokens, Tenants tenants, EventTransport transport, Chat chat,
            JsonMapper json) {
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
        response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader("X-Accel-Buffering", "no");
        OutputStream out = response.getOutputStream();
        write(out, "retry: 3000\n: subscribed\n\n");
        follow(tenant, conversationId, start, out);
    }

    private void follow(TenantRef tenant, UUID conversationId, String from, OutputStream out) {
        Semaphore appended = new Semaphore(0);
        String cursor = from;
        long end = System.nanoTime() + MAX_STREAM.toNanos();
        long lastWrite = System.nanoTime();
        String conversation = conversationId.toString();
        try (AutoCloseable subscription = transport.onAppend(appended::release)) {
            while (running && System.nanoTime() < end) {
                String after = cursor;
                List<EventTransport.Entry> batch = TenantContext.callAs(tenant, () -> transport.readAfter(tenant.id(), after, 200));
                for (EventTransport.Entry entry : batch) {
                    cursor = entry.cursor();
                    DomainEvent e = entry.event();
                    if (!conversation.equals(e.payload().get("conversationId"))) {
                        continue;
                    }
                    Optional<String> frame = TenantContext.callAs(tenant, () -> frame(e, conversationId));
                    if (frame.isPresent()) {
                        write(out, "id: " + entry.cursor() + "\n" + frame.get());
                        lastWrite = System.nanoTime();
                    }
                }
                if (batch.size() == 200) {
                    continue;
                }
                if (System.nanoTime() - lastWrite >= PING.toNanos()) {
                    write(out, ": ping\n\n");
                    lastWrite = System.nanoTime();
                }
                appended.tryAcquire(POLL.toMillis(), TimeUnit.MILLISECONDS);
                appended.drainPermits();
            }
        } catch (IOException gone) {
            // the visitor left the page
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
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

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void start() {
        running = true;
    }

    /** Open streams end on shutdown (the widget reconnects) instead of holding graceful shutdown up. */
    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
