package de.wattos.widget.internal;

import de.wattos.chat.ConversationsErased;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantJdbc;
import de.wattos.tenancy.Tenants;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Erased conversations take along the widget's record of which visitor owns them and their messages (the visitor id).
 * Idempotent: a redelivery finds nothing left.
 */
@Component
class WidgetConversationErasure {

    private final TenantJdbc jdbc;
    private final Tenants tenants;

    WidgetConversationErasure(TenantJdbc jdbc, Tenants tenants) {
        this.jdbc = jdbc;
        this.tenants = tenants;
    }

    @ApplicationModuleListener(id = "widget.conversations-erased")
    void on(ConversationsErased event) {
        if (event.conversationIds().isEmpty()) {
            return;
        }
        String array = TenantJdbc.uuidArray(event.conversationIds());
        tenants.ref(event.tenantId()).ifPresent(tenant -> TenantContext.runAs(tenant, () -> {
            jdbc.sql("delete from widget_messages where tenant_id = :tenantId and conversation_id = any(cast(:ids as uuid[]))")
                    .param("ids", array).update();
            jdbc.sql("delete from widget_conversations where tenant_id = :tenantId and conversation_id = any(cast(:ids as uuid[]))")
                    .param("ids", array).update();
        }));
    }
}
