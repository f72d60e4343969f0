package de.wattos.agent.internal.run;

import de.wattos.audit.AuditEntry;
import de.wattos.audit.AuditLog;
import de.wattos.llm.ToolCall;
import de.wattos.platform.Actor;
import de.wattos.platform.Ids;
import de.wattos.platform.TenantJdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Approval tasks of paused runs; every request and decision is audited and announced. */
@Repository
public class Approvals {

    private static final TypeReference<List<ToolCall>> CALLS = new TypeReference<>() {
    };

    private final TenantJdbc jdbc;
    private final JsonMapper json;
    private final AgentProperties properties;
    private final AgentAnnouncements announce;
    private final AuditLog audit;

    Approvals(TenantJdbc jdbc, JsonMapper json, AgentProperties properties, AgentAnnouncements announce, AuditLog audit) {
        this.jdbc = jdbc;
        this.json = json;
        this.properties = properties;
        this.announce = announce;
        this.audit = audit;
    }

    UUID request(UUID runId, UUID agentId, List<ToolCall> calls) {
        UUID id = Ids.newId();
        jdbc.sql("""
                insert into agent_approvals (id, tenant_id, run_id, agent_id, calls, status, expires_at)
                values (:id, :tenantId, :runId, :agentId, cast(:calls as jsonb), :pending, :expiresAt)""")
                .param("pending", ApprovalStatus.PENDING.wire()).param("id", id).param("runId", runId).param("agentId", agentId).param("calls", json.writeValueAsString(calls))
                .param("expiresAt", Timestamp.from(Instant.now().plus(properties.approvalTimeout()))).update();
        String tools = calls.stream().map(ToolCall::name).collect(Collectors.joining(","));
        audit.record(AuditEntry.success(jdbc.tenantId(), Actor.SYSTEM, "agent.approval.requested", "agent_approval",
                id.toString(), Map.of("runId", runId.toString(), "tools", tools)));
        announce.approval("approval.requested", runId, agentId, id, tools);
        return id;
    }

    public Optional<Approval> find(UUID id) {
        return jdbc.sql("""
                select a.*, r.question from agent_approvals a join agent_runs r on r.id = a.run_id and r.tenant_id = a.tenant_id
                where a.tenant_id = :tenantId and a.id = :id""").param("id", id).query(this::map).optional();
    }

    public List<Approval> list(ApprovalStatus status, int offset, int limit) {
        return jdbc.sql("""
                select a.*, r.question from agent_approvals a join agent_runs r on r.id = a.run_id and r.tenant_id = a.tenant_id
                where a.tenant_id = :tenantId and (cast(:status as text) is null or a.status = :status)
                order by a.created_at desc, a.id offset :o limit :l""")
                .param("status", status == null ? null : status.wire()).param("o", offset).param("l", limit).query(this::map).list();
    }

    /** Moves a pending task to its decision; false if someone else decided first (or it expired). */
    boolean decide(UUID id, ApprovalStatus decision, String actor, String note) {
        return jdbc.sql("""
                update agent_approvals set status = :status, decided_by = :actor, decided_at = now(), note = :note
                where tenant_id = :tenantId and id = :id and status = :pending""")
                .param("pending", ApprovalStatus.PENDING.wire()).param("id", id).param("status", decision.wire()).param("actor", actor).param("note", note).update() == 1;
    }

    /** Pending tasks past their deadline (ids only: the caller decides each in its tenant). */
    List<UUID> expired() {
        return jdbc.sql("select id from agent_approvals where tenant_id = :tenantId and status = :pending and expires_at < now() limit 100")
                .param("pending", ApprovalStatus.PENDING.wire()).query(UUID.class).list();
    }

    private Approval map(ResultSet rs, int row) throws SQLException {
        Timestamp decided = rs.getTimestamp("decided_at");
        return new Approval(rs.getObject("id", UUID.class), rs.getObject("run_id", UUID.class), rs.getObject("agent_id", UUID.class),
                rs.getString("question"), json.readValue(rs.getString("calls"), CALLS), ApprovalStatus.of(rs.getString("status")),
                rs.getString("decided_by"), decided == null ? null : decided.toInstant(), rs.getString("note"),
                rs.getTimestamp("expires_at").toInstant(), rs.getTimestamp("created_at").toInstant());
    }
}
