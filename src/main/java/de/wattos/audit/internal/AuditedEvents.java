package de.wattos.audit.internal;

import de.wattos.audit.AuditEntry;
import de.wattos.platform.Actor;
import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.TopicPattern;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The audit trail as a listener of the event bus: every event except citizen traffic (configurable) becomes an
 * entry whose action is the event type ({@code user.created}, {@code auth.login}). The entry is written inside the
 * publishing transaction just before it commits: the action and its entry commit together or not at all, on the
 * one connection the publisher holds (a transaction of its own after the commit held a second pooled connection
 * per request and starved the pool under load), and the entry exists when the request answers. Entries are keyed
 * by event id, so a repeated event adds nothing. Payload key {@code outcome} ({@code FAILURE}, {@code DENIED}) sets
 * the entry's outcome.
 */
@Component
class AuditedEvents {

    /** {@code wattos.audit.*}: {@code ignored-topics} are not audited (high-volume traffic, not administrative actions). */
    @ConfigurationProperties("wattos.audit")
    record AuditProperties(@DefaultValue({"channel.message.answered", "channel.citation.clicked", "platform.analytics.updated"}) List<String> ignoredTopics) {
    }

    private final ChainedAuditLog chain;
    private final List<TopicPattern> ignored;

    AuditedEvents(ChainedAuditLog chain, AuditProperties props) {
        this.chain = chain;
        this.ignored = props.ignoredTopics().stream().map(TopicPattern::parse).toList();
    }

    /** Called as the event is published, inside its transaction; the entry itself is written just before the commit. */
    @EventListener(id = "audit.entries")
    void on(DomainEvent event) {
        if (TopicPattern.anyMatches(ignored, event.topic())) {
            return;
        }
        chain.recordOnce(event.id(), event.occurredAt(), entry(event));
    }

    static AuditEntry entry(DomainEvent e) {
        Map<String, Object> details = new LinkedHashMap<>(e.payload());
        Object outcome = details.remove("outcome");
        AuditEntry.Outcome o = outcome instanceof String s && Set.of("FAILURE", "DENIED").contains(s)
                ? AuditEntry.Outcome.valueOf(s) : AuditEntry.Outcome.SUCCESS;
        if (outcome != null && o == AuditEntry.Outcome.SUCCESS) {
            details.put("outcome", outcome); // a domain outcome (e.g. a document's NEW/CHANGED) stays a detail
        }
        Actor actor = new Actor(Actor.Kind.valueOf(e.actor().kind()), e.actor().id(), e.actor().name(), e.tenantId(), Set.of());
        return new AuditEntry(e.tenantId(), actor, e.type(), e.subject() == null ? null : e.subject().type(),
                e.subject() == null ? null : e.subject().id(), o, e.actor().clientIp(), details);
    }
}
