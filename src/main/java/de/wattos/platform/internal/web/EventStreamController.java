package de.wattos.platform.internal.web;

import de.wattos.platform.ApiException;
import de.wattos.platform.CurrentActor;
import de.wattos.platform.Role;
import de.wattos.platform.TenantContext;
import de.wattos.platform.events.EventDomain;
import de.wattos.platform.events.EventTransport;
import de.wattos.platform.events.TopicPattern;
import de.wattos.platform.internal.events.EventBusProperties;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live event stream of a tenant as Server-Sent Events ({@code docs/events.md}): {@code id} is the log
 * cursor, {@code event} the topic, {@code data} the envelope. Runs on the request's (virtual) thread, waking when
 * this instance appends and polling for other instances' events. Tenant and role checks are the central ones
 * (tenant scope filter, viewer for GET); platform and compliance events (users, logins, keys) only reach tenant
 * admins.
 */
@RestController
class EventStreamController implements SmartLifecycle {

    private static final Set<EventDomain> ADMIN_ONLY = Set.of(EventDomain.PLATFORM, EventDomain.COMPLIANCE);
    private static final int BATCH = 200;

    /** The envelope as sent, with its topic spelled out for clients. */
    record StreamedEvent(UUID id, UUID tenantId, String topic, String domain, String type, java.time.Instant occurredAt,
            Object actor, Object subject, java.util.Map<String, Object> payload) {
    }

    private final EventTransport transport;
    private final EventBusProperties props;
    private final JsonMapper json;
    private volatile boolean running;

    EventStreamController(EventTransport transport, EventBusProperties props, JsonMapper json) {
        this.transport = transport;
        this.props = props;
        this.json = json;
    }

    @GetMapping(path = "/api/v1/tenants/{tenant}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    void stream(@PathVariable String tenant, @RequestParam(required = false) String topics,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            HttpServletResponse response) throws IOException, InterruptedException {
        List<TopicPattern> patterns = patterns(topics);
        UUID tenantId = TenantContext.currentId();
        Role role = CurrentActor.get().roleIn(tenantId);
        boolean admin = role != null && role.includes(Role.TENANT_ADMIN);
        String cursor = lastEventId == null || lastEventId.isBlank() ? transport.head(tenantId) : lastEventId.strip();

        response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Accel-Buffering", "no");
        OutputStream out = response.getOutputStream();
        write(out, "retry: 3000\n: subscribed " + String.join(",", patterns.stream().map(Object::toString).toList()) + "\n\n");

        Semaphore appended = new Semaphore(0);
        long wait = Math.min(props.pollInterval().toMillis(), props.pingInterval().toMillis());
        long end = System.nanoTime() + props.maxStreamDuration().toNanos();
        long lastWrite = System.nanoTime();
        try (AutoCloseable subscription = transport.onAppend(appended::release)) {
            while (running && System.nanoTime() < end) {
                List<EventTransport.Entry> batch = transport.readAfter(tenantId, cursor, BATCH);
                for (EventTransport.Entry entry : batch) {
                    cursor = entry.cursor();
                    var e = entry.event();
                    if (!TopicPattern.anyMatches(patterns, e.topic()) || (!admin && ADMIN_ONLY.contains(e.domain()))) {
                        continue;
                    }
                    StreamedEvent view = new StreamedEvent(e.id(), e.tenantId(), e.topic(), e.domain().key(), e.type(),
                            e.occurredAt(), e.actor(), e.subject(), e.payload());
                    write(out, "id: " + entry.cursor() + "\nevent: " + e.topic() + "\ndata: " + json.writeValueAsString(view) + "\n\n");
                    lastWrite = System.nanoTime();
                }
                if (batch.size() == BATCH) {
                    continue;
                }
                if (System.nanoTime() - lastWrite >= props.pingInterval().toNanos() - TimeUnit.MILLISECONDS.toNanos(wait)) {
                    write(out, ": ping\n\n");
                    lastWrite = System.nanoTime();
                }
                appended.tryAcquire(wait, TimeUnit.MILLISECONDS);
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

    private static List<TopicPattern> patterns(String topics) {
        if (topics == null || topics.isBlank()) {
            throw ApiException.invalidField("topics", "name the topics to follow, e.g. topics=knowledge.*,channel.* (or * for all)");
        }
        try {
            List<TopicPattern> patterns = TopicPattern.parseList(topics);
            if (patterns.size() > 50) {
                throw ApiException.invalidField("topics", "at most 50 patterns");
            }
            return patterns;
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("topics", e.getMessage()
                    + " (dotted lower-case words, * for one or more segments, e.g. knowledge.*)");
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void start() {
        running = true;
    }

    /** Open streams end on shutdown (their clients reconnect elsewhere) instead of holding graceful shutdown up. */
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
        // stopped before the web server's graceful shutdown waits for requests to finish
        return Integer.MAX_VALUE;
    }
}
