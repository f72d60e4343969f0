package de.wattos.character.internal;

import de.wattos.platform.TenantJdbc;
import java.util.Optional;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The stored tenant profile (one per tenant). */
@Repository
class Profiles {

    private final TenantJdbc jdbc;
    private final JsonMapper json;

    Profiles(TenantJdbc jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<TenantProfile> find() {
        return jdbc.sql("select data from character_profiles where tenant_id = :tenantId")
                .query((rs, i) -> json.readValue(rs.getString("data"), TenantProfile.class)).optional();
    }

    void save(TenantProfile profile) {
        jdbc.sql("""
                insert into character_profiles (tenant_id, data, source) values (:tenantId, cast(:data as jsonb), :source)
                on conflict (tenant_id) do update set data = excluded.data, source = excluded.source, updated_at = now()""")
                .param("data", json.writeValueAsString(profile)).param("source", profile.source().wire()).update();
    }

    /** Forgets a derived profile so it is derived again from the changed content; an edited one stays. */
    void forgetDerived() {
        jdbc.sql("delete from character_profiles where tenant_id = :tenantId and source = 'derived'").update();
    }
}
