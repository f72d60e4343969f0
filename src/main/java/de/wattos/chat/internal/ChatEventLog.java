package de.wattos.chat.internal;

import de.wattos.chat.ConversationStarted;
import de.wattos.chat.FeedbackGiven;
import de.wattos.chat.MessageAnswered;
import de.wattos.platform.Ids;
import de.wattos.platform.TenantJdbc;
import java.sql.Timestamp;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores chat events (table chat_events) and publishes them as application events, both in one transaction, so
 * transactional module listeners (analytics) receive each event once it is committed.
 */
@Component
class ChatEventLog {

    private static final Logger log = LoggerFactory.getLogger(ChatEventLog.class);

    private final TenantJdbc jdbc;
    private final JsonMapper json;
    private final ApplicationEventPublisher publisher;
    private final TransactionOperations tx;

    ChatEventLog(TenantJdbc jdbc, JsonMapper json, ApplicationEventPublisher publisher, TransactionOperations tx) {
        this.jdbc = jdbc;
        this.json = json;
        this.publisher = publisher;
        this.tx = tx;
    }

    void conversationStarted(ConversationStarted e) {
        storeAndPublish("ConversationStarted", e.conversationId(), null, e, e.occurredAt());
    }

    void messageAnswered(MessageAnswered e) {
        storeAndPublish("MessageAnswered", e.conversationId(), e.messageId(), e, e.occurredAt());
    }

    void feedbackGiven(FeedbackGiven e) {
        storeAndPublish("FeedbackGiven", e.conversationId(), e.messageId(), e, e.occurredAt());
    }

    private void storeAndPublish(String type, UUID conversationId, UUID messageId, Object event, java.time.Instant at) {
        tx.executeWithoutResult(status -> {
            store(type, conversationId, messageId, event, Timestamp.from(at));
            publish(event);
        });
    }

    private void store(String type, UUID conversationId, UUID messageId, Object payload, Timestamp at) {
        jdbc.sql("""
                insert into chat_events (id, tenant_id, type, conversation_id, message_id, payload, occurred_at)
                values (:id, :tenantId, :type, :conversationId, :messageId, cast(:payload as jsonb), :at)""")
                .param("id", Ids.newId()).param("type", type).param("conversationId", conversationId)
                .param("messageId", messageId).param("payload", json.writeValueAsString(payload)).param("at", at)
                .update();
    }

    private void publish(Object event) {
        try {
            publisher.publishEvent(event);
        } catch (RuntimeException e) {
            // a failing listener of another module must not break the answer that was already given
            log.warn("A listener of {} failed", event.getClass().getSimpleName(), e);
        }
    }
}
