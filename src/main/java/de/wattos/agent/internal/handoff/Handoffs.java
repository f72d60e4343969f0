package de.wattos.agent.internal.handoff;

import de.wattos.platform.Ids;
import de.wattos.platform.TenantJdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Repository;

/** The tenant's handoff queue; at most one open (waiting or active) handoff per conversation. */
@Repository
public class Handoffs {

    private final TenantJdbc jdbc;

    Handoffs(TenantJdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Queues the conversation, or returns the handoff already open for it. */
    Handoff open(UUID conversationId, UUID runId, UUID agentId, String reason, String summary) {
        Optional<Handoff> existing = openFor(conversationId);
        if (existing.isPresent()) {
            return existing.get();
        }
        UUID id = Ids.newId();
        int inserted = jdbc.sql("""
                insert into agent_handoffs (id, tenant_id, conversation_id, run_id, agent_id, reason, summary, status)
                values (:id, :tenantId, :conversationId, :runId, :agentId, :reason, :summary, :waiting)
                on conflict do nothing""")
                .param("waiting", HandoffStatus.WAITING.wire())
                .param("id", id).param("conversationId", conversationId).param("runId", runId).param("agentId", agentId)
                .param("reason", reason).param("summary", summary).update();
        return inserted == 1 ? find(id).orElseThrow() : openFor(conversationId).orElseThrow();
    }

    public Optional<Handoff> openFor(UUID conversationId) {
        return jdbc.sql("""
                select * from agent_handoffs where tenant_id = :tenantId and conversation_id = :conversationId
                and status in (:waiting, :active)""").param("waiting", HandoffStatus.WAITING.wire())
                .param("active", HandoffStatus.ACTIVE.wire()).param("conversationId", conversationId).query(this::map).optional();
    }

    public Optional<Handoff> find(UUID id) {
        return jdbc.sql("select * from agent_handoffs where tenant_id = :tenantId and id = :id").param("id", id)
                .query(this::map).optional();
    }

    public List<Handoff> list(HandoffStatus status, int offset, int limit) {
        return jdbc.sql("""
                select * from agent_handoffs where tenant_id = :tenantId and (cast(:status as text) is null or status = :status)
                order by created_at desc, id offset :o limit :l""")
                .param("status", status == null ? null : status.wire()).param("o", offset).param("l", limit)
                .query(this::map).list();
    }

    /** Moves the handoff from one status to the next only if it is still there (the first person wins). */
    boolean move(UUID id, HandoffStatus from, HandoffStatus to, String actor, String note) {
        String stamp = to == HandoffStatus.ACTIVE ? "taken_by = :actor, taken_at = now()" : "ended_at = now(), end_note = :note";
        return jdbc.sql("update agent_handoffs set status = :to, " + stamp
                        + " where tenant_id = :tenantId and id = :id and status = :from")
                .param("id", id).param("from", from.wire()).param("to", to.wire()).param("actor", actor).param("note", note)
                .update() == 1;
    }

    private Handoff map(ResultSet rs, int row) throws SQLException {
        return new Handoff(rs.getObject("id", UUID.class), rs.getObject("conversation_id", UUID.class),
                rs.getObject("run_id", UUID.class), rs.getObject("agent_id", UUID.class), rs.getString("reason"),
                rs.getString("summary"), HandoffStatus.of(rs.getString("status")), rs.getString("taken_by"),
                instant(rs.getTimestamp("taken_at")), instant(rs.getTimestamp("ended_at")), rs.getString("end_note"),
                rs.getTimestamp("created_at").toInstant());
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
