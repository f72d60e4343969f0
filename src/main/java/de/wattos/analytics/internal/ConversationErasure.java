package de.wattos.analytics.internal;

import de.wattos.chat.ConversationRecords;
import de.wattos.platform.TenantJdbc;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Erases conversations everywhere they are held: analytics' own log entries and per-conversation rows first, then
 * chat's records (through its public API). Both steps are idempotent and chat's rows, which the retention purge
 * selects by, go last: a crash between the two leaves work the next run finds and finishes. Hourly and daily
 * counts stay (they hold no text and no visitor), so a later rebuild yields smaller figures than before.
 */
@Service
public class ConversationErasure {

    private final TenantJdbc jdbc;
    private final TransactionOperations tx;
    private final ConversationRecords chat;

    ConversationErasure(TenantJdbc jdbc, TransactionOperations tx, ConversationRecords chat) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.chat = chat;
    }

    /** Erases the given conversations of the current tenant; answers how many existed in chat or analytics. */
    public int erase(Collection<UUID> conversationIds) {
        if (conversationIds.isEmpty()) {
            return 0;
        }
        Set<UUID> erased = new HashSet<>(eraseAnalytics(conversationIds));
        erased.addAll(chat.erase(conversationIds));
        return erased.size();
    }

    /** Analytics' part alone (the first half of {@link #erase}). */
    Set<UUID> eraseAnalytics(Collection<UUID> conversationIds) {
        String ids = TenantJdbc.uuidArray(conversationIds);
        Set<UUID> erased = tx.execute(status -> {
            jdbc.sql("delete from analytics_handoffs where tenant_id = :tenantId and conversation_id = any(cast(:ids as uuid[]))")
                    .param("ids", ids).update();
            jdbc.sql("delete from analytics_unanswered where tenant_id = :tenantId and conversation_id = any(cast(:ids as uuid[]))")
                    .param("ids", ids).update();
            Set<UUID> gone = new HashSet<>(jdbc.sql("delete from analytics_events where tenant_id = :tenantId"
                            + " and type = 'chat.ConversationStarted' and conversation_id = any(cast(:ids as uuid[])) returning conversation_id")
                    .param("ids", ids).query((rs, n) -> rs.getObject(1, UUID.class)).list());
            gone.addAll(jdbc.sql("delete from analytics_conversations where tenant_id = :tenantId"
                            + " and conversation_id = any(cast(:ids as uuid[])) returning conversation_id")
                    .param("ids", ids).query((rs, n) -> rs.getObject(1, UUID.class)).list());
            jdbc.sql("delete from analytics_events where tenant_id = :tenantId and conversation_id = any(cast(:ids as uuid[]))")
                    .param("ids", ids).update();
            return gone;
        });
        return erased == null ? Set.of() : erased;
    }

    /** The per-tenant pseudonym analytics keeps instead of a widget's visitor id. */
    public static String pseudonymOf(UUID tenantId, String visitorId) {
        return Rollups.pseudonym(tenantId, visitorId);
    }

    /** Erases every conversation of one visitor and the visitor's pseudonym; answers the conversations erased. */
    public int eraseVisitor(String pseudonym, List<UUID> conversationIds) {
        int n = erase(conversationIds);
        jdbc.sql("delete from analytics_visitors where tenant_id = :tenantId and visitor = :v").param("v", pseudonym).update();
        return n;
    }
}
