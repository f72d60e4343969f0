package de.wattos.agent.internal.mcp;

import de.wattos.platform.Ids;
import de.wattos.platform.SecretBox;
import de.wattos.platform.TenantJdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The tenant's MCP servers; the bearer token sealed with {@link SecretBox}, never returned in plain. */
@Repository
public class McpServers {

    private static final TypeReference<List<McpToolEntry>> TOOLS = new TypeReference<>() {
    };

    private final TenantJdbc jdbc;
    private final JsonMapper json;
    private final SecretBox secrets;

    McpServers(TenantJdbc jdbc, JsonMapper json, SecretBox secrets) {
        this.jdbc = jdbc;
        this.json = json;
        this.secrets = secrets;
    }

    /** A server with its plain token, for connecting; stays in memory. */
    public record Connection(McpServerEntry server, String token) {

        @Override
        public String toString() {
            return "Connection[" + server.name() + "]"; // never the token
        }
    }

    private record Row(McpServerEntry server, String sealed) {
    }

    public List<McpServerEntry> list() {
        return jdbc.sql("select * from agent_mcp_servers where tenant_id = :tenantId order by name limit 200")
                .query(this::map).list().stream().map(Row::server).toList();
    }

    public Optional<McpServerEntry> find(UUID id) {
        return row("id = :key", id).map(Row::server);
    }

    public Optional<McpServerEntry> findByName(String name) {
        return row("name = :key", name).map(Row::server);
    }

    public Optional<Connection> connection(UUID id) {
        return row("id = :key", id).map(r -> new Connection(r.server(), unseal(r.sealed())));
    }

    public Optional<Connection> connectionByName(String name) {
        return row("name = :key", name).map(r -> new Connection(r.server(), unseal(r.sealed())));
    }

    public McpServerEntry create(String name, String url, int timeoutMs, List<McpToolEntry> tools, String token) {
        UUID id = Ids.newId();
        jdbc.sql("""
                insert into agent_mcp_servers (id, tenant_id, name, url, timeout_ms, tools, secrets)
                values (:id, :tenantId, :name, :url, :timeoutMs, cast(:tools as jsonb), :secrets)""")
                .param("id", id).param("name", name).param("url", url).param("timeoutMs", timeoutMs)
                .param("tools", json.writeValueAsString(tools)).param("secrets", seal(token)).update();
        return find(id).orElseThrow();
    }

    public Optional<McpServerEntry> update(UUID id, String name, String url, int timeoutMs, List<McpToolEntry> tools, String token) {
        int n = jdbc.sql("""
                update agent_mcp_servers set name = :name, url = :url, timeout_ms = :timeoutMs, tools = cast(:tools as jsonb),
                secrets = :secrets, updated_at = now() where tenant_id = :tenantId and id = :id""")
                .param("id", id).param("name", name).param("url", url).param("timeoutMs", timeoutMs)
                .param("tools", json.writeValueAsString(tools)).param("secrets", seal(token)).update();
        return n == 0 ? Optional.empty() : find(id);
    }

    public boolean delete(UUID id) {
        return jdbc.sql("delete from agent_mcp_servers where tenant_id = :tenantId and id = :id").param("id", id).update() > 0;
    }

    private Optional<Row> row(String condition, Object key) {
        return jdbc.sql("select * from agent_mcp_servers where tenant_id = :tenantId and " + condition).param("key", key)
                .query(this::map).optional();
    }

    private String seal(String token) {
        return token == null || token.isEmpty() ? null : secrets.encrypt(token);
    }

    private String unseal(String sealed) {
        return sealed == null ? null : secrets.decrypt(sealed);
    }

    private Row map(ResultSet rs, int row) throws SQLException {
        String sealed = rs.getString("secrets");
        McpServerEntry server = new McpServerEntry(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("url"),
                rs.getInt("timeout_ms"), json.readValue(rs.getString("tools"), TOOLS),
                sealed == null ? null : SecretBox.hint(unseal(sealed)), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
        return new Row(server, sealed);
    }
}
