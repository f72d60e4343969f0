package de.wattos.chat;

import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.EventDomain;
import de.wattos.platform.events.ModuleEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Conversations were erased for data protection (one by an admin, all of one visitor's, or by the retention purge):
 * chat's transcripts are gone, and every module erases what it keeps of them (agent runs and handoffs, the widget's
 * record of which visitor owns which conversation). Published in the transaction that erased them; listeners are
 * idempotent (a redelivery finds nothing left).
 */
public record ConversationsErased(UUID tenantId, List<UUID> conversationIds, Instant occurredAt) implements ModuleEvent {

    public ConversationsErased {
        conversationIds = conversationIds == null ? List.of() : List.copyOf(conversationIds);
    }

    @Override
    public EventDomain domain() {
        return EventDomain.COMPLIANCE;
    }

    @Override
    public String type() {
        return "conversations.erased";
    }

    @Override
    public DomainEvent.Subject subject() {
        return DomainEvent.Subject.of("tenant", tenantId);
    }
}
