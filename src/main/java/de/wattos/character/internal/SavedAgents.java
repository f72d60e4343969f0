package de.wattos.character.internal;

import de.wattos.platform.Ids;
import de.wattos.platform.TenantJdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Agents and their versions: every change (content or status) writes a new version. */
@Repository
public class SavedAgents {

    public record Version(int version, AgentStatus status, AgentSpec agent, String actor, java.time.Instant createdAt) {
    }

    private final TenantJdbc jdbc;
    private final JsonMapper json;

    SavedAgents(TenantJdbc jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Transactional
    StoredAgent create(AgentSpec spec, String author) {
        UUID id = Ids.newId();
        jdbc.sql("""
                insert into agents (id, tenant_id, character_id, persona_id, name, status, version, data, author)
                values (:id, :tenantId, :characterId, :personaId, :name, :status, 1, cast(:data as jsonb), :author)""")
                .param("status", AgentStatus.DRAFT.wire()).param("id", id).param("characterId", spec.characterId()).param("personaId", spec.personaId())
                .param("name", spec.name()).param("data", json.writeValueAsString(spec)).param("author", author).update();
        version(id, 1, AgentStatus.DRAFT, spec, author);
        return find(id).orElseThrow();
    }

    Optional<StoredAgent> find(UUID id) {
        return jdbc.sql("select * from agents where tenant_id = :tenantId and id = :id").param("id", id).query(this::map).optional();
    }

    List<StoredAgent> list(int offset, int limit) {
        return jdbc.sql("select * from agents where tenant_id = :tenantId order by created_at desc, id offset :o limit :l")
                .param("o", offset).param("l", limit).query(this::map).list();
    }

    List<StoredAgent> published() {
        return jdbc.sql("select * from agents where tenant_id = :tenantId and status = :status order by created_at, id limit 200")
                .param("status", AgentStatus.PUBLISHED.wire()).query(this::map).list();
    }

    long count() {
        return jdbc.sql("select count(*) from agents where tenant_id = :tenantId").query(Long.class).single();
    }

    @Transactional
    StoredAgent change(UUID id, AgentSpec spec, AgentStatus status, String actor) {
        StoredAgent current = jdbc.sql("select * from agents where tenant_id = :tenantId and id = :id for update")
                .param("id", id).query(this::map).single();
        int version = current.version() + 1;
        jdbc.sql("""
                update agents set name = :name, status = :status, version = :version, data = cast(:data as jsonb),
                updated_at = now() where tenant_id = :tenantId and id = :id""")
                .param("id", id).param("name", spec.name()).param("status", status.wire()).param("version", version)
                .param("data", json.writeValueAsString(spec)).update();
        version(id, version, status, spec, actor);
        return find(id).orElseThrow();
    }

    void validation(UUID id, ValidationReport report) {
        jdbc.sql("update agents set validation = cast(:v as jsonb) where tenant_id = :tenantId and id = :id")
                .param("id", id).param("v", json.writeValueAsString(report)).update();
    }

    boolean delete(UUID id) {
        return jdbc.sql("delete from agents where tenant_id = :tenantId and id = :id").param("id", id).update() > 0;
    }

    List<Version> versions(UUID id) {
        return jdbc.sql("select * from agent_versions where tenant_id = :tenantId and agent_id = :id order by version desc")
                .param("id", id).query((rs, i) -> new Version(rs.getInt("version"), AgentStatus.of(rs.getString("status")),
                        json.readValue(rs.getString("data"), AgentSpec.class), rs.getString("actor"),
                        SavedCharacters.instant(rs, "created_at"))).list();
    }

    private void version(UUID id, int version, AgentStatus status, AgentSpec spec, String actor) {
        jdbc.sql("""
                insert into agent_versions (agent_id, tenant_id, version, status, data, actor)
                values (:id, :tenantId, :version, :status, cast(:data as jsonb), :actor)""")
                .param("id", id).param("version", version).param("status", status.wire())
                .param("data", json.writeValueAsString(spec)).param("actor", actor).update();
    }

    private StoredAgent map(ResultSet rs, int row) throws SQLException {
        String validation = rs.getString("validation");
        return new StoredAgent(rs.getObject("id", UUID.class), AgentStatus.of(rs.getString("status")), rs.getInt("version"),
                json.readValue(rs.getString("data"), AgentSpec.class),
                validation == null ? null : json.readValue(validation, ValidationReport.class), rs.getString("author"),
                SavedCharacters.instant(rs, "created_at"), SavedCharacters.instant(rs, "updated_at"));
    }
}
