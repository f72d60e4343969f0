package de.wattos.voice.internal.config;

import de.wattos.platform.TenantJdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Repository;

/** The current tenant's voice providers (table {@code voice_providers}), always filtered by {@code :tenantId}. */
@Repository
public class VoiceProviders {

    private static final String COLUMNS = "id, purpose, name, type, base_url, region, api_key_sealed, api_key_set_at, "
            + "model, voice, timeout_seconds, priority, enabled, created_at, updated_at";

    private final TenantJdbc jdbc;

    public VoiceProviders(TenantJdbc jdbc) {
        this.jdbc = jdbc;
    }

    public List<StoredVoiceProvider> all() {
        return jdbc.sql("select " + COLUMNS + " from voice_providers where tenant_id = :tenantId "
                + "order by purpose, priority desc, name").query(this::map).list();
    }

    /** The provider requests of this purpose use: the named one, else the enabled one of highest priority. */
    public Optional<StoredVoiceProvider> pick(VoicePurpose purpose, String name) {
        if (name != null) {
            return jdbc.sql("select " + COLUMNS + " from voice_providers where tenant_id = :tenantId and purpose = :purpose "
                    + "and lower(name) = lower(:name) and enabled").param("purpose", purpose.wire()).param("name", name)
                    .query(this::map).optional();
        }
        return jdbc.sql("select " + COLUMNS + " from voice_providers where tenant_id = :tenantId and purpose = :purpose "
                + "and enabled order by priority desc, name limit 1").param("purpose", purpose.wire()).query(this::map).optional();
    }

    public Optional<StoredVoiceProvider> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from voice_providers where tenant_id = :tenantId and id = :id")
                .param("id", id).query(this::map).optional();
    }

    public boolean nameTaken(VoicePurpose purpose, String name, UUID exceptId) {
        return jdbc.sql("select count(*) from voice_providers where tenant_id = :tenantId and purpose = :purpose "
                        + "and lower(name) = lower(:name) and id <> :except")
                .param("purpose", purpose.wire()).param("name", name)
                .param("except", exceptId == null ? new UUID(0, 0) : exceptId).query(Long.class).single() > 0;
    }

    public void insert(StoredVoiceProvider p) {
        jdbc.sql("""
                insert into voice_providers (id, tenant_id, purpose, name, type, base_url, region, api_key_sealed,
                    api_key_set_at, model, voice, timeout_seconds, priority, enabled, created_at, updated_at)
                values (:id, :tenantId, :purpose, :name, :type, :baseUrl, :region, :sealed, :keySetAt, :model, :voice,
                    :timeout, :priority, :enabled, :createdAt, :updatedAt)""")
                .param("id", p.id()).param("purpose", p.purpose().wire()).param("name", p.name()).param("type", p.type())
                .param("baseUrl", p.baseUrl()).param("region", p.region()).param("sealed", p.apiKeySealed())
                .param("keySetAt", p.apiKeySetAt() == null ? null : Timestamp.from(p.apiKeySetAt())).param("model", p.model()).param("voice", p.voice())
                .param("timeout", p.timeoutSeconds()).param("priority", p.priority()).param("enabled", p.enabled())
                .param("createdAt", Timestamp.from(p.createdAt())).param("updatedAt", Timestamp.from(p.updatedAt())).update();
    }

    public boolean update(StoredVoiceProvider p) {
        return jdbc.sql("""
                update voice_providers set name = :name, type = :type, base_url = :baseUrl, region = :region,
                    api_key_sealed = :sealed, api_key_set_at = :keySetAt, model = :model, voice = :voice,
                    timeout_seconds = :timeout, priority = :priority, enabled = :enabled, updated_at = :updatedAt
                where tenant_id = :tenantId and id = :id""")
                .param("id", p.id()).param("name", p.name()).param("type", p.type()).param("baseUrl", p.baseUrl())
                .param("region", p.region()).param("sealed", p.apiKeySealed()).param("keySetAt", p.apiKeySetAt() == null ? null : Timestamp.from(p.apiKeySetAt()))
                .param("model", p.model()).param("voice", p.voice()).param("timeout", p.timeoutSeconds())
                .param("priority", p.priority()).param("enabled", p.enabled())
                .param("updatedAt", Timestamp.from(p.updatedAt())).update() == 1;
    }

    public boolean delete(UUID id) {
        return jdbc.sql("delete from voice_providers where tenant_id = :tenantId and id = :id").param("id", id).update() == 1;
    }

    private StoredVoiceProvider map(ResultSet rs, int row) throws SQLException {
        return new StoredVoiceProvider(rs.getObject("id", UUID.class), VoicePurpose.of(rs.getString("purpose")),
                rs.getString("name"), rs.getString("type"), rs.getString("base_url"), rs.getString("region"),
                rs.getString("api_key_sealed"), instant(rs.getTimestamp("api_key_set_at")), rs.getString("model"),
                rs.getString("voice"), rs.getInt("timeout_seconds"), rs.getInt("priority"), rs.getBoolean("enabled"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
