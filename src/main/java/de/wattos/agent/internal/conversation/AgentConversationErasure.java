package de.wattos.agent.internal.conversation;

import de.wattos.chat.ConversationsErased;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantJdbc;
import de.wattos.tenancy.Tenants;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Erased conversations take along what agents kept of them: runs with their steps and approvals (questions, answers,
 * the model conversation), handoffs (their summaries), routing decisions (the questions) and routes. The token usage
 * (counts without text) stays for the budgets. Idempotent: a redelivery finds nothing left.
 */
@Component
class AgentConversationErasure {

    private final TenantJdbc jdbc;
    private final Tenants tenants;

    AgentConversationErasure(TenantJdbc jdbc, Tenants tenants) {
        this.jdbc = jdbc;
        this.tenants = tenants;
    }

    @ApplicationModuleListener(id = "agent.conversations-erased")
    void on(ConversationsErased event) {
        if (event.conversationIds().isEmpty()) {
            return;
        }
        String ids = TenantJdbc.uuidArray(event.conversationIds());
        tenants.ref(event.tenantId()).ifPresent(tenant -> TenantContext.runAs(tenant, () -> {
            for (String table : new String[] {"agent_runs", "agent_handoffs", "agent_routing_decisions",
                    "agent_conversation_routes"}) {
                jdbc.sql("delete from " + table + " where tenant_id = :tenantId and conversation_id = any(cast(:ids as uuid[]))")
                        .param("ids", ids).update();
            }
        }));
    }
}
