package de.wattos.analytics.internal;

import de.wattos.chat.ConversationStarted;
import de.wattos.chat.FeedbackGiven;
import de.wattos.chat.MessageAnswered;
import de.wattos.crawl.CrawlFinished;
import de.wattos.knowledge.DocumentIndexed;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantJdbc;
import de.wattos.platform.TenantRef;
import de.wattos.tenancy.Tenants;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes one module event into analytics: appends it to the raw event log under its event id and, only if that id
 * was new, applies it to the rollups, both in one transaction. A redelivered event changes nothing.
 */
@Component
public class EventIngestion {

    /** Event types as stored in the log, and the records they are read back into for a rebuild. */
    static final Map<String, Class<?>> TYPES = Map.of(
            "chat.ConversationStarted", ConversationStarted.class,
            "chat.MessageAnswered", MessageAnswered.class,
            "chat.FeedbackGiven", FeedbackGiven.class,
            "crawl.CrawlFinished", CrawlFinished.class,
            "knowledge.DocumentIndexed", DocumentIndexed.class);

    private final TenantJdbc jdbc;
    private final TransactionOperations tx;
    private final Rollups rollups;
    private final JsonMapper json;
    private final Tenants tenants;

    EventIngestion(TenantJdbc jdbc, TransactionOperations tx, Rollups rollups, JsonMapper json, Tenants tenants) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.rollups = rollups;
        this.json = json;
        this.tenants = tenants;
    }

    /** The log entry of an event: id, tenant, type, time, conversation. */
    record Entry(UUID id, UUID tenantId, String type, Instant occurredAt, UUID conversationId, Object event) {
    }

    static Entry entryOf(Object event) {
        return switch (event) {
            case ConversationStarted e -> new Entry(e.conversationId(), e.tenantId(), "chat.ConversationStarted",
                    e.occurredAt(), e.conversationId(),
                    new ConversationStarted(e.tenantId(), e.conversationId(), e.channel(), e.locale(), e.spaceIds(),
                            e.occurredAt(), e.widgetId(), Rollups.pseudonym(e.tenantId(), e.visitorId()), e.agentId()));
            case MessageAnswered e -> new Entry(e.messageId(), e.tenantId(), "chat.MessageAnswered", e.occurredAt(),
                    e.conversationId(), e);
            case FeedbackGiven e -> new Entry(e.feedbackId(), e.tenantId(), "chat.FeedbackGiven", e.occurredAt(),
                    e.conversationId(), e);
            case CrawlFinished e -> new Entry(e.runId(), e.tenantId(), "crawl.CrawlFinished", e.finishedAt(), null, e);
            case DocumentIndexed e -> new Entry(e.eventId(), e.tenantId(), "knowledge.DocumentIndexed", e.occurredAt(),
                    null, e);
            default -> throw new IllegalArgumentException("Not an analytics event: " + event.getClass());
        };
    }

    /** Ingests the event; false if its id was already in the log (or its tenant no longer exists). */
    public boolean ingest(Object event) {
        Entry entry = entryOf(event);
        if (entry.id() == null || entry.tenantId() == null) {
            return false;
        }
        Optional<TenantRef> tenant = TenantContext.find().filter(t -> t.id().equals(entry.tenantId()))
                .or(() -> tenants.ref(entry.tenantId()));
        if (tenant.isEmpty()) {
            return false;
        }
        return TenantContext.callAs(tenant.get(), () -> Boolean.TRUE.equals(tx.execute(status -> {
            int inserted = jdbc.sql("""
                    insert into analytics_events (id, tenant_id, type, occurred_at, conversation_id, payload)
                    values (:id, :tenantId, :type, :at, :conversation, cast(:payload as jsonb))
                    on conflict (id) do nothing""")
                    .param("id", entry.id()).param("type", entry.type()).param("at", Timestamp.from(entry.occurredAt()))
                    .param("conversation", entry.conversationId())
                    .param("payload", json.writeValueAsString(entry.event())).update();
            if (inserted == 0) {
                return false;
            }
            rollups.apply(entry.event());
            return true;
        })));
    }
}
