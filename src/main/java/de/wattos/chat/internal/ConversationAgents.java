package de.wattos.chat.internal;

import de.wattos.platform.TenantJdbc;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Repository;

/** Which agent (character module) a conversation is bound to, if any. */
@Repository
class ConversationAgents {

    private final TenantJdbc jdbc;

    ConversationAgents(TenantJdbc jdbc) {
        this.jdbc = jdbc;
    }

    void bind(UUID conversationId, UUID agentId) {
        jdbc.sql("insert into chat_conversation_agents (conversation_id, tenant_id, agent_id) values (:c, :tenantId, :a)")
                .param("c", conversationId).param("a", agentId).update();
    }

    Optional<UUID> agentOf(UUID conversationId) {
        return jdbc.sql("select agent_id from chat_conversation_agents where tenant_id = :tenantId and conversation_id = :c")
                .param("c", conversationId).query(UUID.class).optional();
    }
}
