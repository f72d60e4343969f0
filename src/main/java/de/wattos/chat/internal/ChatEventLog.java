package de.wattos.chat.internal;

import de.wattos.chat.ConversationStarted;
import de.wattos.chat.FeedbackGiven;
import de.wattos.chat.MessageAnswered;
import de.wattos.platform.Ids;
import de.wattos.platform.TenantJdbc;
import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.DomainEvents;
import de.wattos.platform.events.EventDomain;
import de.wattos.platform.events.ModuleEvent;
import java.sql.Timestamp;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Stores chat events for analytics (table chat_events) and publishes them on the event bus. */
@Component
class ChatEventLog {

    private static final Logger log = LoggerFactory.getLogger(ChatEventLog.class);

    private final TenantJdbc jdbc;
    private final JsonMapper json;
    private final DomainEvents bus;

    ChatEventLog(TenantJdbc jdbc, JsonMapper json, DomainEvents bus) {
        this.jdbc = jdbc;
        this.json = json;
        this.bus = bus;
    }

    void conversationStarted(ConversationStarted e) {
        store("ConversationStarted", e.conversationId(), null, e, Timestamp.from(e.occurredAt()));
        publish(e);
    }

    void messageAnswered(MessageAnswered e) {
        store("MessageAnswered", e.conversationId(), e.messageId(), e, Timestamp.from(e.occurredAt()));
        publish(e);
    }

    void feedbackGiven(FeedbackGiven e) {
        store("FeedbackGiven", e.conversationId(), e.messageId(), e, Timestamp.from(e.occurredAt()));
        publish(e);
    }

    /** A stored message becomes visible live (widget stream, console); ids, role and author only, never the text. */
    void messagePosted(UUID conversationId, UUID messageId, String role, String author) {
        java.util.Map<String, Object> payload = new java.util.HashMap<>();
        payload.put("conversationId", conversationId.toString());
        payload.put("messageId", messageId.toString());
        payload.put("role", role);
        if (author != null) {
            payload.put("author", author);
        }
        bus.publish(DomainEvent.of(EventDomain.CHANNEL, "conversation.message.posted",
                DomainEvent.Subject.of("conversation", conversationId), payload));
    }

    private void store(String type, UUID conversationId, UUID messageId, Object payload, Timestamp at) {
        jdbc.sql("""
                insert into chat_events (id, tenant_id, type, conversation_id, message_id, payload, occurred_at)
                values (:id, :tenantId, :type, :conversationId, :messageId, cast(:payload as jsonb), :at)""")
                .param("id", Ids.newId()).param("type", type).param("conversationId", conversationId)
                .param("messageId", messageId).param("payload", json.writeValueAsString(payload)).param("at", at)
                .update();
    }

    private void publish(ModuleEvent event) {
        try {
            bus.publish(event);
        } catch (RuntimeException e) {
            // the answer was already given: a bus that cannot store the event must not turn it into an error
            log.warn("Publishing {} failed", event.getClass().getSimpleName(), e);
        }
    }
}
