package de.wattos.analytics.internal;

import de.wattos.chat.ConversationStarted;
import de.wattos.chat.FeedbackGiven;
import de.wattos.chat.MessageAnswered;
import de.wattos.crawl.CrawlFinished;
import de.wattos.knowledge.DocumentIndexed;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import de.wattos.tenancy.Tenants;
import de.wattos.widget.CitationClicked;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes module events into analytics: appends them to the raw event log under their event ids and applies those
 * whose id was new to the rollups, all in one transaction. A redelivered event changes nothing. Events arriving
 * together (from concurrent listeners, through {@link GroupCommit}) share one transaction and one statement per
 * table; that is what makes thousands of events per second possible.
 */
@Component
public class EventIngestion {

    /** Event types as stored in the log, and the records they are read back into for a rebuild. */
    static final Map<String, Class<?>> TYPES = Map.of(
            "chat.ConversationStarted", ConversationStarted.class,
            "chat.MessageAnswered", MessageAnswered.class,
            "chat.FeedbackGiven", FeedbackGiven.class,
            "crawl.CrawlFinished", CrawlFinished.class,
            "knowledge.DocumentIndexed", DocumentIndexed.class,
            "widget.CitationClicked", CitationClicked.class,
            "agent.HandoffRequested", HandoffRequested.class);

    private final RollupWriter writer;
    private final TransactionOperations tx;
    private final Rollups rollups;
    private final JsonMapper json;
    private final Tenants tenants;
    private final GroupCommit groupCommit;
    private final KpiChanges changes;

    EventIngestion(RollupWriter writer, TransactionOperations tx, Rollups rollups, JsonMapper json, Tenants tenants,
            KpiChanges changes, AnalyticsProperties props) {
        this.changes = changes;
        this.writer = writer;
        this.tx = tx;
        this.rollups = rollups;
        this.json = json;
        this.tenants = tenants;
        this.groupCommit = new GroupCommit(this::ingestAll, event -> entryOf(event).tenantId(),
                Math.clamp(props.ingestionWriters(), 1, 16));
    }

    /** The log entry of an event: id, tenant, type, time, conversation. */
    record Entry(UUID id, UUID tenantId, String type, Instant occurredAt, UUID conversationId, Object event) {
    }

    /** What became of one event of a batch. */
    enum Outcome {
        /** New: logged and applied to the rollups. */
        TAKEN,
        /** Already in the log, or its tenant no longer exists: nothing changed. */
        IGNORED,
        /** It builds on an event not taken yet: refused, to be delivered again (see {@link Rollups#apply}). */
        REFUSED
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
            case CitationClicked e -> new Entry(e.clickId(), e.tenantId(), "widget.CitationClicked", e.occurredAt(), null,
                    e);
            case HandoffRequested e -> new Entry(e.eventId(), e.tenantId(), "agent.HandoffRequested", e.occurredAt(),
                    e.conversationId(), e);
            default -> throw new IllegalArgumentException("Not an analytics event: " + event.getClass());
        };
    }

    /**
     * Ingests the event together with whatever other events arrive meanwhile, and returns once it is committed:
     * true if it was new, false if its id was already in the log (or its tenant no longer exists). Throws if it
     * must be delivered again later (an answer before its conversation, a failed transaction).
     */
    public boolean ingest(Object event) {
        entryOf(event); // refuses what is no analytics event in the caller's thread
        return groupCommit.submit(event) == Outcome.TAKEN;
    }

    /** Ingests the events (of any tenants) in one transaction; the outcome of each, in order. */
    List<Outcome> ingestAll(List<Object> events) {
        List<Outcome> outcomes = new ArrayList<>(Collections.nCopies(events.size(), Outcome.IGNORED));
        Map<UUID, ZoneId> zones = new HashMap<>();
        Set<UUID> goneTenants = new HashSet<>();
        List<Entry> valid = new ArrayList<>();
        List<Integer> validIndexes = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            Entry entry = entryOf(events.get(i));
            if (entry.id() == null || entry.tenantId() == null || goneTenants.contains(entry.tenantId())) {
                continue;
            }
            if (!zones.containsKey(entry.tenantId())) {
                Optional<TenantRef> tenant = tenant(entry.tenantId());
                if (tenant.isEmpty()) {
                    goneTenants.add(entry.tenantId());
                    continue;
                }
                ZoneId zone = tenant.get().timeZone();
                zones.put(entry.tenantId(), zone == null ? ZoneOffset.UTC : zone);
            }
            valid.add(entry);
            validIndexes.add(i);
        }
        if (valid.isEmpty()) {
            return outcomes;
        }
        Set<UUID> changedTenants = new HashSet<>();
        tx.executeWithoutResult(status -> {
            Set<UUID> inserted = new HashSet<>(writer.log(valid, json::writeValueAsString));
            List<Entry> taken = new ArrayList<>();
            List<Integer> takenIndexes = new ArrayList<>();
            for (int k = 0; k < valid.size(); k++) {
                // an id twice in one batch: the first occurrence is the new one
                if (inserted.remove(valid.get(k).id())) {
                    taken.add(valid.get(k));
                    takenIndexes.add(validIndexes.get(k));
                }
            }
            if (taken.isEmpty()) {
                return;
            }
            Set<UUID> refused = rollups.apply(taken, true, zones);
            if (!refused.isEmpty()) {
                writer.unlog(taken.stream().filter(e -> refused.contains(e.id()))
                        .map(e -> new RollupDelta.TenantId(e.tenantId(), e.id())).toList());
            }
            for (int k = 0; k < taken.size(); k++) {
                boolean wasRefused = refused.contains(taken.get(k).id());
                outcomes.set(takenIndexes.get(k), wasRefused ? Outcome.REFUSED : Outcome.TAKEN);
                if (!wasRefused) {
                    changedTenants.add(taken.get(k).tenantId());
                }
            }
        });
        changes.committed(changedTenants);
        return outcomes;
    }

    private Optional<TenantRef> tenant(UUID id) {
        return TenantContext.find().filter(t -> t.id().equals(id)).or(() -> tenants.ref(id));
    }
}
