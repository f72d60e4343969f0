package de.wattos.llm.internal.provider;

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

/** The current tenant's providers (table {@code llm_providers}), always filtered by {@code :tenantId}. */
@Repository
public class TenantProviders {

    private static final String COLUMNS = "id, name, type, base_url, api_key_sealed, api_key_hint, api_version, "
            + "default_model, models::text as models, timeout_seconds, priority, enabled, pii_protection, created_at, updated_at";

    private final TenantJdbc jdbc;
    private final JsonMapper json;

    public TenantProviders(TenantJdbc jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public List<StoredProvider> all() {
        return jdbc.sql("select " + COLUMNS + " from llm_providers where tenant_id = :tenantId order by priority desc, name")
                .query(this::map).list();
    }

    public List<StoredProvider> enabled() {
        return jdbc.sql("select " + COLUMNS + " from llm_providers where tenant_id = :tenantId and enabled "
                + "order by priority desc, name").query(this::map).list();
    }

    public Optional<StoredProvider> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from llm_providers where tenant_id = :tenantId and id = :id")
                .param("id", id).query(this::map).optional();
    }

    public boolean nameTaken(String name, UUID exceptId) {
        return jdbc.sql("select count(*) from llm_providers where tenant_id = :tenantId and lower(name) = lower(:name) "
                + "and id <> :except").param("name", name).param("except", exceptId == null ? new UUID(0, 0) : exceptId)
                .query(Long.class).single() > 0;
    }

    public void insert(StoredProvider p) {
        jdbc.sql("""
                insert into llm_providers (id, tenant_id, name, type, base_url, api_key_sealed, api_key_hint, api_version,
                    default_model, models, timeout_seconds, priority, enabled, pii_protection, created_at, updated_at)
                values (:id, :tenantId, :name, :type, :baseUrl, :sealed, :hint, :apiVersion, :defaultModel,
                    cast(:models as jsonb), :timeout, :priority, :enabled, :pii, :createdAt, :updatedAt)""")
                .param("id", p.id()).param("name", p.name()).param("type", p.type()).param("baseUrl", p.baseUrl())
                .param("sealed", p.apiKeySealed()).param("hint", p.apiKeyHint()).param("apiVersion", p.apiVersion())
                .param("defaultModel", p.defaultModel()).param("models", json.writeValueAsString(p.models()))
                .param("timeout", p.timeoutSeconds()).param("priority", p.priority()).param("enabled", p.enabled())
                .param("pii", p.piiProtection()).param("createdAt", Timestamp.from(p.createdAt()))
                .param("updatedAt", Timestamp.from(p.updatedAt())).update();
    }

    public boolean update(StoredProvider p) {
        return jdbc.sql("""
                update llm_providers set name = :name, type = :type, base_url = :baseUrl, api_key_sealed = :sealed,
                    api_key_hint = :hint, api_version = :apiVersion, default_model = :defaultModel,
                    models = cast(:models as jsonb), timeout_seconds = :timeout, priority = :priority, enabled = :enabled,
                    pii_protection = :pii, updated_at = :updatedAt
                where tenant_id = :tenantId and id = :id""")
                .param("id", p.id()).param("name", p.name()).param("type", p.type()).param("baseUrl", p.baseUrl())
                .param("sealed", p.apiKeySealed()).param("hint", p.apiKeyHint()).param("apiVersion", p.apiVersion())
                .param("defaultModel", p.defaultModel()).param("models", json.writeValueAsString(p.models()))
                .param("timeout", p.timeoutSeconds()).param("priority", p.priority()).param("enabled", p.enabled())
                .param("pii", p.piiProtection()).param("updatedAt", Timestamp.from(p.updatedAt())).update() == 1;
    }

    public boolean delete(UUID id) {
        return jdbc.sql("delete from llm_providers where tenant_id = :tenantId and id = :id").param("id", id).update() == 1;
    }

    private StoredProvider map(ResultSet rs, int row) throws SQLException {
        List<String> models = json.readValue(rs.getString("models"), new TypeReference<List<String>>() { });
        return new StoredProvider(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("type"),
                rs.getString("base_url"), rs.getString("api_key_sealed"), rs.getString("api_key_hint"),
                rs.getString("api_version"), rs.getString("default_model"), models, rs.getInt("timeout_seconds"),
                rs.getInt("priority"), rs.getBoolean("enabled"), rs.getBoolean("pii_protection"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
