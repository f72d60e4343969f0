package de.wattos.agent.internal.handoff;

import de.wattos.audit.AuditEntry;
import de.wattos.audit.AuditLog;
import de.wattos.chat.Chat;
import de.wattos.platform.Actor;
import de.wattos.platform.ApiException;
import de.wattos.platform.CurrentActor;
import de.wattos.platform.TenantContext;
import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.DomainEvents;
import de.wattos.platform.events.EventDomain;
import de.wattos.tenancy.TenantContact;
import de.wattos.tenancy.Tenants;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * The human side of a conversation: the agent (or the citizen) asks for a person, the conversation enters the
 * tenant's queue with a short summary if someone is there (office hours from the tenant profile; outside them the
 * citizen learns when and how to reach a person), staff take it, write to the citizen in the same conversation, and
 * end it back to the agent. Every step is announced ({@code channel.handoff.requested|accepted|ended}, with the
 * reason code) and audited.
 */
@Service
public class HandoffDesk {

    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final int SUMMARY_LIMIT = 600;

    /** What came of a request: the queued handoff (null outside office hours) and what the citizen is told. */
    public record Requested(Handoff handoff, String message) {
    }

    private final Handoffs handoffs;
    private final Chat chat;
    private final Tenants tenants;
    private final DomainEvents events;
    private final AuditLog audit;
    private final Clock clock;
    private final HandoffTexts texts;

    @Autowired
    HandoffDesk(Handoffs handoffs, Chat chat, Tenants tenants, DomainEvents events, AuditLog audit, HandoffTexts texts) {
        this(handoffs, chat, tenants, events, audit, texts, Clock.systemUTC());
    }

    HandoffDesk(Handoffs handoffs, Chat chat, Tenants tenants, DomainEvents events, AuditLog audit, HandoffTexts texts, Clock clock) {
        this.texts = texts;
        this.handoffs = handoffs;
        this.chat = chat;
        this.tenants = tenants;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    public boolean withPerson(UUID conversationId) {
        return handoffs.openFor(conversationId).isPresent();
    }

    public Requested request(UUID conversationId, UUID runId, UUID agentId, String reason) {
        return request(conversationId, runId, agentId, reason, chat.language(conversationId));
    }

    /** As above, in the citizen's {@code language} ({@code de}, {@code en}) as the current turn knows it. */
    public Requested request(UUID conversationId, UUID runId, UUID agentId, String reason, String language) {
        TenantContact contact = tenants.tenantSettings(TenantContext.currentId()).contact();
        OfficeHours hours = OfficeHours.parse(contact.hours());
        if (!hours.openAt(ZonedDateTime.now(clock.withZone(ZONE)))) {
            announce("handoff.requested", null, conversationId, agentId, reason, Map.of("outcome", "outside_hours"));
            return new Requested(null, texts.outsideHours(language, hours.text(), contact));
        }
        Handoff handoff = handoffs.open(conversationId, runId, agentId, reason, summary(conversationId, reason));
        announce("handoff.requested", handoff.id(), conversationId, agentId, reason, Map.of("outcome", "queued"));
        audit.record(AuditEntry.success(TenantContext.currentId(), Actor.SYSTEM, "agent.handoff.requested", "agent_handoff",
                handoff.id().toString(), Map.of("conversationId", conversationId.toString(), "reason", reason)));
        return new Requested(handoff, texts.queued(language));
    }

    public Handoff take(UUID id) {
        Handoff handoff = handoffs.find(id).orElseThrow(() -> ApiException.notFound("Handoff"));
        Actor actor = CurrentActor.get();
        if (!handoffs.move(id, HandoffStatus.WAITING, HandoffStatus.ACTIVE, staffName(actor), null)) {
            throw ApiException.conflict("handoff_taken", "This conversation was already taken or ended");
        }
        chat.post(handoff.conversationId(), Chat.Speaker.STAFF, staffName(actor), texts.taken(chat.language(handoff.conversationId()), staffName(actor)), List.of());
        announce("handoff.accepted", id, handoff.conversationId(), handoff.agentId(), handoff.reason(),
                Map.of("waitedSeconds", Duration.between(handoff.createdAt(), Instant.now()).toSeconds()));
        audit.record(AuditEntry.success(TenantContext.currentId(), actor, "agent.handoff.accepted", "agent_handoff", id.toString(),
                Map.of("conversationId", handoff.conversationId().toString())));
        return handoffs.find(id).orElseThrow();
    }

    public UUID write(UUID id, String text) {
        Handoff handoff = handoffs.find(id).orElseThrow(() -> ApiException.notFound("Handoff"));
        if (handoff.status() != HandoffStatus.ACTIVE) {
            throw ApiException.conflict("handoff_not_active", "Take the conversation before writing to the citizen");
        }
        return chat.post(handoff.conversationId(), Chat.Speaker.STAFF, handoff.takenBy(), text, List.of());
    }

    public Handoff end(UUID id, String note) {
        Handoff handoff = handoffs.find(id).orElseThrow(() -> ApiException.notFound("Handoff"));
        Actor actor = CurrentActor.get();
        if (handoff.status() == HandoffStatus.ENDED
                || !handoffs.move(id, handoff.status(), HandoffStatus.ENDED, staffName(actor), note)) {
            throw ApiException.conflict("handoff_ended", "This conversation was already handed back");
        }
        chat.post(handoff.conversationId(), Chat.Speaker.ASSISTANT, null, texts.ended(chat.language(handoff.conversationId())), List.of());
        Instant from = handoff.takenAt() == null ? handoff.createdAt() : handoff.takenAt();
        announce("handoff.ended", id, handoff.conversationId(), handoff.agentId(), handoff.reason(),
                Map.of("endedFrom", handoff.status().wire(), "durationSeconds", Duration.between(from, Instant.now()).toSeconds()));
        audit.record(AuditEntry.success(TenantContext.currentId(), actor, "agent.handoff.ended", "agent_handoff", id.toString(),
                Map.of("conversationId", handoff.conversationId().toString())));
        return handoffs.find(id).orElseThrow();
    }

    /** The citizen wrote while waiting or with a person: the console's inbox shows it live. */
    public void citizenWrote(UUID conversationId, UUID messageId) {
        handoffs.openFor(conversationId).ifPresent(h -> {
            Map<String, Object> payload = payload(h.id(), conversationId, h.agentId(), h.reason());
            payload.put("messageId", messageId.toString());
            events.publish(DomainEvent.of(EventDomain.CHANNEL, "handoff.message", DomainEvent.Subject.of("agent_handoff", h.id()), payload));
        });
    }

    /** What whoever takes it reads first: the concern, the latest question, how long the conversation is. */
    private String summary(UUID conversationId, String reason) {
        List<Chat.Posted> transcript = chat.transcript(conversationId);
        List<String> asked = new ArrayList<>();
        for (Chat.Posted m : transcript) {
            if ("user".equals(m.role())) {
                asked.add(m.content().strip());
            }
        }
        StringBuilder s = new StringBuilder("Grund: ").append(reason).append(". ");
        if (!asked.isEmpty()) {
            s.append("Anliegen: ").append(clip(asked.getFirst(), 200)).append(' ');
            if (asked.size() > 1) {
                s.append("Zuletzt: ").append(clip(asked.getLast(), 200)).append(' ');
            }
        }
        s.append('(').append(transcript.size()).append(" Nachrichten)");
        return clip(s.toString(), SUMMARY_LIMIT);
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static String staffName(Actor actor) {
        return actor.name() == null || actor.name().isBlank() ? "Team" : actor.name();
    }

    private void announce(String type, UUID handoffId, UUID conversationId, UUID agentId, String reason, Map<String, Object> extra) {
        Map<String, Object> payload = payload(handoffId, conversationId, agentId, reason);
        payload.putAll(extra);
        events.publish(DomainEvent.of(EventDomain.CHANNEL, type,
                DomainEvent.Subject.of(handoffId == null ? "conversation" : "agent_handoff", handoffId == null ? conversationId : handoffId),
                payload));
    }

    private static Map<String, Object> payload(UUID handoffId, UUID conversationId, UUID agentId, String reason) {
        Map<String, Object> payload = new HashMap<>();
        if (handoffId != null) {
            payload.put("handoffId", handoffId.toString());
        }
        payload.put("conversationId", conversationId.toString());
        if (agentId != null) {
            payload.put("agentId", agentId.toString());
        }
        payload.put("reason", reason);
        return payload;
    }
}
