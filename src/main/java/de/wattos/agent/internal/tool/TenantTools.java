package de.wattos.agent.internal.tool;

import de.wattos.agent.internal.tool.spi.ToolSettings;
import de.wattos.platform.Ids;
import de.wattos.platform.SecretBox;
import de.wattos.platform.TenantJdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Tenant-defined tools; secrets sealed with {@link SecretBox} as one JSON object, never returned in plain. */
@Repository
public class TenantTools {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {
    };

    private final TenantJdbc jdbc;
    private final JsonMapper json;
    private final SecretBox secrets;

    TenantTools(TenantJdbc jdbc, JsonMapper json, SecretBox secrets) {
        this.jdbc = jdbc;
        this.json = json;
        this.secrets = secrets;
    }

    private record Row(StoredTool tool, String sealed) {
    }

    public List<StoredTool> list() {
        return jdbc.sql("select * from agent_tools where tenant_id = :tenantId order by name limit 500").query(this::map)
                .list().stream().map(Row::tool).toList();
    }

    public Optional<StoredTool> find(UUID id) {
        return row("id = :key", id).map(Row::tool);
    }

    public Optional<StoredTool> findByName(String name) {
        return row("name = :key", name).map(Row::tool);
    }

    /** The configuration with plain secrets, for creating the tool; stays in memory. */
    public Optional<ToolSettings> settings(String name) {
        return row("name = :key", name).map(r -> new ToolSettings(r.tool().name(), r.tool().type(), r.tool().description(),
                r.tool().config(), unseal(r.sealed())));
    }

    public Map<String, String> secrets(UUID id) {
        return row("id = :key", id).map(r -> unseal(r.sealed())).orElse(Map.of());
    }

    public StoredTool create(ToolSettings settings) {
        UUID id = Ids.newId();
        jdbc.sql("""
                insert into agent_tools (id, tenant_id, name, type, description, config, secrets)
                values (:id, :tenantId, :name, :type, :description, cast(:config as jsonb), :secrets)""")
                .param("id", id).param("name", settings.name()).param("type", settings.type())
                .param("description", settings.description()).param("config", json.writeValueAsString(settings.config()))
                .param("secrets", seal(settings.secrets())).update();
        return find(id).orElseThrow();
    }

    public Optional<StoredTool> update(UUID id, ToolSettings settings) {
        int n = jdbc.sql("""
                update agent_tools set name = :name, description = :description, config = cast(:config as jsonb),
                secrets = :secrets, updated_at = now() where tenant_id = :tenantId and id = :id""")
                .param("id", id).param("name", settings.name()).param("description", settings.description())
                .param("config", json.writeValueAsString(settings.config())).param("secrets", seal(settings.secrets())).update();
        return n == 0 ? Optional.empty() : find(id);
    }

    public boolean delete(UUID id) {
        return jdbc.sql("delete from agent_tools where tenant_id = :tenantId and id = :id").param("id", id).update() > 0;
    }

    private Optional<Row> row(String condition, Object key) {
        return jdbc.sql("select * from agent_tools where tenant_id = :tenantId and " + condition).param("key", key)
                .query(this::map).optional();
    }

    private String seal(Map<String, String> plain) {
        return plain.isEmpty() ? null : secrets.encrypt(json.writeValueAsString(plain));
    }

    private Map<String, String> unseal(String sealed) {
        return sealed == null ? Map.of() : json.readValue(secrets.decrypt(sealed), STRINGS);
    }

    private Row map(ResultSet rs, int row) throws SQLException {
        String sealed = rs.getString("secrets");
        Map<String, String> hints = new LinkedHashMap<>();
        unseal(sealed).forEach((k, v) -> hints.put(k, SecretBox.hint(v)));
        StoredTool tool = new StoredTool(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("type"),
                rs.getString("description"), json.readValue(rs.getString("config"), OBJECT), hints,
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
        return new Row(tool, sealed);
    }
}
