package de.wattos.character.internal;

import de.wattos.platform.Ids;
import de.wattos.platform.TenantJdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Persona generation jobs of the current tenant. */
@Repository
class PersonaJobs {

    private final TenantJdbc jdbc;
    private final JsonMapper json;

    PersonaJobs(TenantJdbc jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    PersonaJob create(PersonaJob.GenerateRequest request, String actor) {
        UUID id = Ids.newId();
        jdbc.sql("""
                insert into persona_jobs (id, tenant_id, status, request, actor)
                values (:id, :tenantId, :status, cast(:request as jsonb), :actor)""")
                .param("status", JobStatus.QUEUED.wire()).param("id", id).param("request", json.writeValueAsString(request)).param("actor", actor).update();
        return find(id).orElseThrow();
    }

    Optional<PersonaJob> find(UUID id) {
        return jdbc.sql("select * from persona_jobs where tenant_id = :tenantId and id = :id").param("id", id)
                .query(this::map).optional();
    }

    void running(UUID id) {
        jdbc.sql("update persona_jobs set status = :status where tenant_id = :tenantId and id = :id")
                .param("status", JobStatus.RUNNING.wire()).param("id", id).update();
    }

    void succeeded(UUID id, PersonaJob.Outcome outcome) {
        jdbc.sql("""
                update persona_jobs set status = :status, result = cast(:result as jsonb), finished_at = now()
                where tenant_id = :tenantId and id = :id""").param("status", JobStatus.SUCCEEDED.wire()).param("id", id)
                .param("result", json.writeValueAsString(outcome)).update();
    }

    void failed(UUID id, String error) {
        jdbc.sql("update persona_jobs set status = :status, error = :error, finished_at = now() where tenant_id = :tenantId and id = :id")
                .param("status", JobStatus.FAILED.wire()).param("id", id).param("error", error).update();
    }

    private PersonaJob map(ResultSet rs, int row) throws SQLException {
        String result = rs.getString("result");
        return new PersonaJob(rs.getObject("id", UUID.class), JobStatus.of(rs.getString("status")),
                json.readValue(rs.getString("request"), PersonaJob.GenerateRequest.class),
                result == null ? null : json.readValue(result, PersonaJob.Outcome.class), rs.getString("error"),
                SavedCharacters.instant(rs, "created_at"), SavedCharacters.instant(rs, "finished_at"));
    }
}
