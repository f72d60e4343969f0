package de.wattos.platform.events;

import de.wattos.platform.CurrentActor;
import de.wattos.platform.Ids;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The one envelope of the event bus. {@code tenantId} null = platform-wide (never delivered to tenant
 * subscribers); {@code type} is a dotted, past-tense name inside its domain ({@code space.deleted},
 * {@code auth.login}); {@code payload} holds JSON values only and never secrets.
 */
public record DomainEvent(UUID id, UUID tenantId, EventDomain domain, String type, Instant occurredAt, Actor actor,
        Subject subject, Map<String, Object> payload) {

    /** Who caused the event, and from which client address (null outside a web request). */
    public record Actor(String kind, String id, String name, String clientIp) {

        public static final Actor SYSTEM = of(de.wattos.platform.Actor.SYSTEM);

        /** The current request's actor ({@code SYSTEM} in background work) with the client address. */
        public static Actor current() {
            return of(CurrentActor.get());
        }

        public static Actor of(de.wattos.platform.Actor actor) {
            return new Actor(actor.kind().name(), actor.id(), actor.name(), currentClientIp());
        }

        private static String currentClientIp() {
            return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes servlet
                    ? servlet.getRequest().getRemoteAddr() : null;
        }
    }

    /** What the event is about, e.g. {@code ("knowledge_space", "0190…")}. */
    public record Subject(String type, String id) {

        public static Subject of(String type, Object id) {
            return new Subject(type, id == null ? null : id.toString());
        }
    }

    public DomainEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (!TopicPattern.isValidType(type)) {
            throw new IllegalArgumentException("event type must be dotted lower-case words: " + type);
        }
        actor = actor == null ? Actor.SYSTEM : actor;
        payload = payload == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(payload));
    }

    /** A new event of the current tenant (none bound: platform-wide) caused by the current actor. */
    public static DomainEvent of(EventDomain domain, String type, Subject subject, Map<String, Object> payload) {
        return of(TenantContext.find().map(TenantRef::id).orElse(null), domain, type, subject, payload);
    }

    /** A new event of the given tenant (null: platform-wide) caused by the current actor. */
    public static DomainEvent of(UUID tenantId, EventDomain domain, String type, Subject subject, Map<String, Object> payload) {
        return new DomainEvent(Ids.newId(), tenantId, domain, type, Instant.now().truncatedTo(ChronoUnit.MICROS),
                Actor.current(), subject, payload);
    }

    /** The same event told as caused by someone else (e.g. the user who just logged in). */
    public DomainEvent withActor(Actor other) {
        return new DomainEvent(id, tenantId, domain, type, occurredAt, other, subject, payload);
    }

    /** {@code domain.type}, e.g. {@code knowledge.space.deleted}. */
    public String topic() {
        return domain.key() + "." + type;
    }

    /** Whether one of the patterns matches this event's topic. */
    public boolean matches(String... patterns) {
        for (String p : patterns) {
            if (TopicPattern.parse(p).matches(topic())) {
                return true;
            }
        }
        return false;
    }
}
