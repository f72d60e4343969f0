package de.wattos.f13.internal;

import de.wattos.platform.TenantJdbc;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Repository;

/** The current tenant's F13 connection (table {@code f13_settings}); the client secret only sealed. */
@Repository
public class F13Settings {

    public record Connection(String baseUrl, String clientId, String clientSecretSealed, String realm, boolean guest,
            String chatModel, boolean ragEnabled, int ragTimeoutMs, Instant updatedAt, java.util.List<String> ragSources) {
        public Connection {
            ragSources = ragSources == null ? java.util.List.of() : java.util.List.copyOf(ragSources);
        }
    }

    private final TenantJdbc jdbc;
    /** Counts saves, so a cached connection ({@link F13KnowledgeSource}) knows it is stale on this instance. */
    private final AtomicLong saves = new AtomicLong();

    public F13Settings(TenantJdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Connection> find() {
        return jdbc.sql("select base_url, client_id, client_secret_sealed, realm, guest, chat_model, rag_enabled, "
                + "rag_timeout_ms, updated_at, rag_sources from f13_settings where tenant_id = :tenantId")
                .query((rs, n) -> new Connection(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5), rs.getString(6), rs.getBoolean(7), rs.getInt(8), rs.getTimestamp(9).toInstant(),
                        java.util.List.of((String[]) rs.getArray(10).getArray())))
                .optional();
    }

    long saves() {
        return saves.get();
    }

    public void save(Connection c) {
        jdbc.sql("""
                insert into f13_settings (tenant_id, base_url, client_id, client_secret_sealed, realm, guest, chat_model,
                    rag_enabled, rag_timeout_ms, updated_at, rag_sources)
                values (:tenantId, :baseUrl, :clientId, :secret, :realm, :guest, :chatModel, :rag, :timeout, :updatedAt,
                    :sources)
                on conflict (tenant_id) do update set base_url = excluded.base_url, client_id = excluded.client_id,
                    client_secret_sealed = excluded.client_secret_sealed, realm = excluded.realm, guest = excluded.guest,
                    chat_model = excluded.chat_model, rag_enabled = excluded.rag_enabled,
                    rag_timeout_ms = excluded.rag_timeout_ms, updated_at = excluded.updated_at,
                    rag_sources = excluded.rag_sources""")
                .param("baseUrl", c.baseUrl()).param("clientId", c.clientId()).param("secret", c.clientSecretSealed())
                .param("realm", c.realm()).param("guest", c.guest()).param("chatModel", c.chatModel())
                .param("rag", c.ragEnabled()).param("timeout", c.ragTimeoutMs())
                .param("updatedAt", Timestamp.from(c.updatedAt()))
                .param("sources", c.ragSources().toArray(String[]::new)).update();
        saves.incrementAndGet();
    }
}
