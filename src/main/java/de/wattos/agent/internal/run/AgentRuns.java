package de.wattos.agent.internal.run;

import de.wattos.agent.internal.tool.ToolOutcome;
import de.wattos.agent.internal.tool.spi.ToolSource;
import de.wattos.platform.Ids;
import de.wattos.platform.TenantJdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Agent runs, their persisted state and their recorded steps. */
@Repository
public class AgentRuns {

    private static final TypeReference<List<ToolSource>> SOURCES = new TypeReference<>() {
    };

    private final TenantJdbc jdbc;
    private final JsonMapper json;

    AgentRuns(TenantJdbc jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public UUID create(UUID agentId, UUID conversationId, String question, RunMode mode, RunState state) {
        return create(agentId, conversationId, question, mode, state, null);
    }

    /** A new run; {@code language} ({@code de}, {@code en}, null) the language its own texts were asked in. */
    public UUID create(UUID agentId, UUID conversationId, String question, RunMode mode, RunState state, String language) {
        UUID id = Ids.newId();
        jdbc.sql("""
                insert into agent_runs (id, tenant_id, agent_id, conversation_id, question, mode, status, state, language)
                values (:id, :tenantId, :agentId, :conversationId, :question, :mode, :running, cast(:state as jsonb), :language)""")
                .param("running", RunStatus.RUNNING.wire()).param("id", id).param("agentId", agentId).param("conversationId", conversationId)
                .param("question", question).param("mode", mode.wire()).param("state", json.writeValueAsString(state))
                .param("language", language).update();
        return id;
    }

    /** The language the run was asked in (null: not given). */
    public String language(UUID id) {
        return jdbc.sql("select language from agent_runs where tenant_id = :tenantId and id = :id").param("id", id)
                .query(String.class).optional().orElse(null);
    }

    public void saveState(UUID id, RunStatus status, RunState state) {
        jdbc.sql("update agent_runs set status = :status, state = cast(:state as jsonb), updated_at = now() where tenant_id = :tenantId and id = :id")
                .param("id", id).param("status", status.wire()).param("state", json.writeValueAsString(state)).update();
    }

    /** Pauses the run for approval: its state kept for resuming, {@code text} what the citizen reads meanwhile. */
    public void awaitApproval(UUID id, RunState state, String text) {
        jdbc.sql("""
                update agent_runs set status = :status, state = cast(:state as jsonb), answer = :answer, updated_at = now()
                where tenant_id = :tenantId and id = :id""")
                .param("id", id).param("status", RunStatus.AWAITING_APPROVAL.wire()).param("state", json.writeValueAsString(state))
                .param("answer", text).update();
    }

    /** Moves a run out of {@code from} only if it is still there (one resumer wins). */
    public boolean claim(UUID id, RunStatus from, RunStatus to) {
        return jdbc.sql("update agent_runs set status = :to, updated_at = now() where tenant_id = :tenantId and id = :id and status = :from")
                .param("id", id).param("from", from.wire()).param("to", to.wire()).update() == 1;
    }

    public void finish(UUID id, RunStatus status, String answer, List<ToolSource> citations, RunState state, String errorCode) {
        jdbc.sql("""
                update agent_runs set status = :status, answer = :answer, citations = cast(:citations as jsonb),
                state = cast(:state as jsonb), error_code = :errorCode, updated_at = now(), finished_at = now()
                where tenant_id = :tenantId and id = :id""")
                .param("id", id).param("status", status.wire()).param("answer", answer)
                .param("citations", json.writeValueAsString(citations)).param("state", json.writeValueAsString(state))
                .param("errorCode", errorCode).update();
    }

    public void addStep(UUID runId, RunStep step) {
        jdbc.sql("""
                insert into agent_steps (id, tenant_id, run_id, n, kind, tool, arguments, outcome, result_chars, latency_ms, error_code)
                values (:id, :tenantId, :runId, :n, :kind, :tool, :arguments, :outcome, :resultChars, :latency, :errorCode)""")
                .param("id", Ids.newId()).param("runId", runId).param("n", step.n()).param("kind", step.kind())
                .param("tool", step.tool()).param("arguments", step.arguments()).param("outcome", step.outcome().wire())
                .param("resultChars", step.resultChars()).param("latency", step.latencyMs()).param("errorCode", step.errorCode())
                .update();
    }

    public int stepCount(UUID runId) {
        return jdbc.sql("select count(*) from agent_steps where tenant_id = :tenantId and run_id = :runId").param("runId", runId)
                .query(Integer.class).single();
    }

    public Optional<RunState> state(UUID id) {
        return jdbc.sql("select state from agent_runs where tenant_id = :tenantId and id = :id").param("id", id)
                .query(String.class).optional().map(s -> json.readValue(s, RunState.class));
    }

    // Steps are read after the run rows, never from inside their row mapper: a query there needs a second pooled
    // connection while the first one is still held, and 20 concurrent reads then wait for each other forever.
    public Optional<AgentRun> find(UUID id) {
        return jdbc.sql("select * from agent_runs where tenant_id = :tenantId and id = :id").param("id", id)
                .query(this::map).optional().map(this::withSteps);
    }

    public List<AgentRun> list(int offset, int limit) {
        return jdbc.sql("select * from agent_runs where tenant_id = :tenantId order by created_at desc, id offset :o limit :l")
                .param("o", offset).param("l", limit).query(this::map).list().stream().map(this::withSteps).toList();
    }

    private AgentRun withSteps(AgentRun r) {
        return new AgentRun(r.id(), r.agentId(), r.conversationId(), r.question(), r.mode(), r.status(), r.answer(),
                r.citations(), steps(r.id()), r.errorCode(), r.createdAt(), r.finishedAt());
    }

    public long count() {
        return jdbc.sql("select count(*) from agent_runs where tenant_id = :tenantId").query(Long.class).single();
    }

    private List<RunStep> steps(UUID runId) {
        return jdbc.sql("select * from agent_steps where tenant_id = :tenantId and run_id = :runId order by n")
                .param("runId", runId).query((rs, i) -> new RunStep(rs.getInt("n"), rs.getString("kind"), rs.getString("tool"),
                        rs.getString("arguments"), ToolOutcome.valueOf(rs.getString("outcome").toUpperCase(java.util.Locale.ROOT)),
                        rs.getInt("result_chars"), rs.getLong("latency_ms"), rs.getString("error_code"))).list();
    }

    private AgentRun map(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        Timestamp finished = rs.getTimestamp("finished_at");
        return new AgentRun(id, rs.getObject("agent_id", UUID.class), rs.getObject("conversation_id", UUID.class),
                rs.getString("question"), RunMode.of(rs.getString("mode")), RunStatus.of(rs.getString("status")),
                rs.getString("answer"), json.readValue(rs.getString("citations"), SOURCES), List.of(),
                rs.getString("error_code"), rs.getTimestamp("created_at").toInstant(), finished == null ? null : finished.toInstant());
    }
}
