package de.wattos.platform.internal.web;

import de.wattos.platform.ApiException;
import de.wattos.platform.CurrentActor;
import de.wattos.platform.Role;
import de.wattos.platform.TenantContext;
import de.wattos.platform.events.EventDomain;
import de.wattos.platform.events.EventLogStreams;
import de.wattos.platform.events.EventTransport;
import de.wattos.platform.events.TopicPattern;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live event stream of a tenant as Server-Sent Events ({@code docs/events.md}): {@code id} is the log
 * cursor, {@code event} the topic, {@code data} the envelope; pings, reconnects and the end of the stream are
 * {@link EventLogStreams}'. Tenant and role checks are the central ones (tenant scope filter, viewer for GET);
 * platform and compliance events (users, logins, keys) only reach tenant admins.
 */
@RestController
class EventStreamController {

    private static final Set<EventDomain> ADMIN_ONLY = Set.of(EventDomain.PLATFORM, EventDomain.COMPLIANCE);

    /** The envelope as sent, with its topic spelled out for clients. */
    record StreamedEvent(UUID id, UUID tenantId, String topic, String domain, String type, java.time.Instant occurredAt,
            Object actor, Object subject, java.util.Map<String, Object> payload) {
    }

    private final EventTransport transport;
    private final EventLogStreams streams;
    private final JsonMapper json;

    EventStreamController(EventTransport transport, EventLogStreams streams, JsonMapper json) {
        this.transport = transport;
        this.streams = streams;
        this.json = json;
    }

    @GetMapping(path = "/api/v1/tenants/{tenant}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    void stream(@PathVariable String tenant, @RequestParam(required = false) String topics,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            HttpServletResponse response) throws IOException {
        List<TopicPattern> patterns = patterns(topics);
        UUID tenantId = TenantContext.currentId();
        Role role = CurrentActor.get().roleIn(tenantId);
        boolean admin = role != null && role.includes(Role.TENANT_ADMIN);
        String cursor = lastEventId == null || lastEventId.isBlank() ? transport.head(tenantId) : lastEventId.strip();

        String subscribed = "subscribed " + String.join(",", patterns.stream().map(Object::toString).toList());
        streams.after(cursor, (after, limit) -> transport.readAfter(tenantId, after, limit), entry -> {
            var e = entry.event();
            if (!TopicPattern.anyMatches(patterns, e.topic()) || (!admin && ADMIN_ONLY.contains(e.domain()))) {
                return Optional.empty();
            }
            StreamedEvent view = new StreamedEvent(e.id(), e.tenantId(), e.topic(), e.domain().key(), e.type(),
                    e.occurredAt(), e.actor(), e.subject(), e.payload());
            return Optional.of("event: " + e.topic() + "\ndata: " + json.writeValueAsString(view) + "\n\n");
        }).send(response, subscribed);
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
}
