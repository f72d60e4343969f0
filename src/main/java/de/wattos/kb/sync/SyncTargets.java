package de.wattos.kb.sync;

import de.wattos.platform.TenantJdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The current tenant's sync targets ({@code secret}: SecretBox ciphertext). */
@Repository
public class SyncTargets {

    public record Target(UUID id, UUID tenantId, String name, String type, String url, Map<String, String> options,
            String secret, String secretHint, boolean enabled, Instant createdAt, Instant updatedAt) {
    }

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private final TenantJdbc jdbc;
    private final JsonMapper json;

    public SyncTargets(TenantJdbc jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void insert(Target t) {
        jdbc.sql("""
                insert into kb_sync_targets (id, tenant_id, name, type, url, options, secret, secret_hint, enabled)
                values (:id, :tenantId, :name, :type, :url, cast(:options as jsonb), :secret, :hint, :enabled)""")
                .param("id", t.id()).param("name", t.name()).param("type", t.type()).param("url", t.url(), Types.VARCHAR)
                .param("options", json.writeValueAsString(t.options())).param("secret", t.secret(), Types.VARCHAR)
                .param("hint", t.secretHint(), Types.VARCHAR).param("enabled", t.enabled()).update();
    }

    public void update(Target t) {
        jdbc.sql("""
                update kb_sync_targets set name = :name, url = :url, options = cast(:options as jsonb), secret = :secret,
                  secret_hint = :hint, enabled = :enabled, updated_at = now()
                where tenant_id = :tenantId and id = :id""")
                .param("id", t.id()).param("name", t.name()).param("url", t.url(), Types.VARCHAR)
                .param("options", json.writeValueAsString(t.options())).param("secret", t.secret(), Types.VARCHAR)
                .param("hint", t.secretHint(), Types.VARCHAR).param("enabled", t.enabled()).update();
    }

    public boolean delete(UUID id) {
        return jdbc.sql("delete from kb_sync_targets where tenant_id = :tenantId and id = :id").param("id", id).update() > 0;
    }

    public Optional<Target> find(UUID id) {
        return jdbc.sql("select * from kb_sync_targets where tenant_id = :tenantId and id = :id").param("id", id)
                .query(this::map).optional();
    }

    public List<Target> list() {
        return jdbc.sql("select * from kb_sync_targets where tenant_id = :tenantId order by created_at, id")
                .query(this::map).list();
    }

    public List<Target> enabled() {
        return jdbc.sql("select * from kb_sync_targets where tenant_id = :tenantId and enabled order by created_at, id")
                .query(this::map).list();
    }

    private Target map(ResultSet rs, int row) throws SQLException {
        return new Target(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class), rs.getString("name"),
                rs.getString("type"), rs.getString("url"), json.readValue(rs.getString("options"), STRING_MAP),
                rs.getString("secret"), rs.getString("secret_hint"), rs.getBoolean("enabled"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
