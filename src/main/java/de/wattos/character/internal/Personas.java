package de.wattos.character.internal;

import de.wattos.platform.Ids;
import de.wattos.platform.TenantJdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Stored personas of the current tenant. */
@Repository
class Personas {

    private final TenantJdbc jdbc;
    private final JsonMapper json;

    Personas(TenantJdbc jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    StoredPersona insert(UUID characterId, UUID jobId, PersonaSpec spec) {
        UUID id = Ids.newId();
        jdbc.sql("""
                insert into personas (id, tenant_id, character_id, job_id, status, name, quality_score, data)
                values (:id, :tenantId, :characterId, :jobId, :status, :name, :score, cast(:data as jsonb))""")
                .param("status", PersonaStatus.PROPOSED.wire()).param("id", id).param("characterId", characterId).param("jobId", jobId).param("name", spec.name())
                .param("score", spec.qualityScore()).param("data", json.writeValueAsString(spec)).update();
        return find(id).orElseThrow();
    }

    Optional<StoredPersona> find(UUID id) {
        return jdbc.sql("select * from personas where tenant_id = :tenantId and id = :id").param("id", id).query(this::map).optional();
    }

    List<StoredPersona> list(UUID jobId, int offset, int limit) {
        return jdbc.sql("select * from personas where tenant_id = :tenantId and (cast(:jobId as uuid) is null or job_id = :jobId) "
                        + "order by created_at desc, quality_score desc, id offset :o limit :l")
                .param("jobId", jobId).param("o", offset).param("l", limit).query(this::map).list();
    }

    long count(UUID jobId) {
        return jdbc.sql("select count(*) from personas where tenant_id = :tenantId and (cast(:jobId as uuid) is null or job_id = :jobId)")
                .param("jobId", jobId).query(Long.class).single();
    }

    void update(UUID id, PersonaSpec spec) {
        jdbc.sql("""
                update personas set name = :name, quality_score = :score, data = cast(:data as jsonb), updated_at = now()
                where tenant_id = :tenantId and id = :id""")
                .param("id", id).param("name", spec.name()).param("score", spec.qualityScore())
                .param("data", json.writeValueAsString(spec)).update();
    }

    void approve(UUID id, String actor) {
        jdbc.sql("""
                update personas set status = :status, approved_by = :actor, approved_at = now(), updated_at = now()
                where tenant_id = :tenantId and id = :id""").param("status", PersonaStatus.APPROVED.wire()).param("id", id).param("actor", actor).update();
    }

    boolean delete(UUID id) {
        return jdbc.sql("delete from personas where tenant_id = :tenantId and id = :id").param("id", id).update() > 0;
    }

    private StoredPersona map(ResultSet rs, int row) throws SQLException {
        return new StoredPersona(rs.getObject("id", UUID.class), rs.getObject("character_id", UUID.class),
                rs.getObject("job_id", UUID.class), PersonaStatus.valueOf(rs.getString("status").toUpperCase(java.util.Locale.ROOT)),
                json.readValue(rs.getString("data"), PersonaSpec.class), rs.getString("approved_by"),
                SavedCharacters.instant(rs, "approved_at"), SavedCharacters.instant(rs, "created_at"),
                SavedCharacters.instant(rs, "updated_at"));
    }
}
