package de.wattos.character.internal;

import de.wattos.platform.Ids;
import de.wattos.platform.TenantJdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The current tenant's character try-outs (table {@code character_try_outs}). */
@Repository
class TryOuts {

    private final TenantJdbc jdbc;
    private final JsonMapper json;

    TryOuts(TenantJdbc jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    CharacterTryOut create(UUID characterId, CharacterSpec spec) {
        // try-outs are scratch state of an editing session: a day is long enough
        jdbc.sql("delete from character_try_outs where tenant_id = :tenantId and updated_at < now() - interval '1 day'").update();
        UUID id = Ids.newId();
        jdbc.sql("""
                insert into character_try_outs (id, tenant_id, character_id, data)
                values (:id, :tenantId, :characterId, cast(:data as jsonb))""")
                .param("id", id).param("characterId", characterId).param("data", json.writeValueAsString(spec)).update();
        return find(id).orElseThrow();
    }

    Optional<CharacterTryOut> update(UUID id, CharacterSpec spec) {
        int n = jdbc.sql("update character_try_outs set data = cast(:data as jsonb), updated_at = now() "
                + "where tenant_id = :tenantId and id = :id").param("id", id).param("data", json.writeValueAsString(spec)).update();
        return n == 0 ? Optional.empty() : find(id);
    }

    Optional<CharacterTryOut> find(UUID id) {
        return jdbc.sql("select * from character_try_outs where tenant_id = :tenantId and id = :id").param("id", id)
                .query(this::map).optional();
    }

    private CharacterTryOut map(ResultSet rs, int row) throws SQLException {
        return new CharacterTryOut(rs.getObject("id", UUID.class), rs.getObject("character_id", UUID.class),
                json.readValue(rs.getString("data"), CharacterSpec.class), SavedCharacters.instant(rs, "updated_at"));
    }
}
